import { Component, input, resource } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { toDataURL } from 'qrcode';

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
  /** Where a phone scanning the code lands; no code without one. */
  readonly verificationUrl = input<string>();

  protected readonly qr = resource({
    params: () => this.verificationUrl(),
    // Error correction M survives a smudged print; 8 px per module keeps the image sharp when the printer scales it.
    loader: ({ params }) => toDataURL(params, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }),
  });
}
