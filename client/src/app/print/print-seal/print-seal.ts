import { Component, computed, input, resource } from '@angular/core';
import { verificationPath, type VerifiedDocument } from '@common/api/verification';
import { TranslatePipe } from '@ngx-translate/core';
import { toDataURL } from 'qrcode';

/** The public verification page, as a printed document's note names it for those who type rather than scan. */
export const VERIFY_PAGE_URL = `${location.origin}/verify`;

/**
 * The foot of a document that proves something: a QR code of the page that verifies it, and the space for the
 * seal. The code is drawn here, in the lazily loaded print route, so the rest of the hall does not carry it; an
 * image from a data URL needs no bypass of Angular's sanitizer.
 */
@Component({
  selector: 'app-print-seal',
  imports: [TranslatePipe],
  templateUrl: './print-seal.html',
  styleUrl: './print-seal.scss',
})
export class PrintSeal {
  /** The kind of document whose verification code this is… */
  readonly document = input<VerifiedDocument>('certificate');
  /** …and the code: where a phone scanning the QR code lands. No QR code without one. */
  readonly code = input<string>();

  private readonly verificationUrl = computed(() => {
    const code = this.code();
    return code ? location.origin + verificationPath(this.document(), code) : undefined;
  });

  protected readonly qr = resource({
    params: () => this.verificationUrl(),
    // Error correction M survives a smudged print; 8 px per module keeps the image sharp when the printer scales it.
    loader: ({ params }) => toDataURL(params, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }),
  });
}
