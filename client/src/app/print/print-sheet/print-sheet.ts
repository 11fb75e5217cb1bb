import { Location } from '@angular/common';
import { Component, inject, input, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';

/**
 * An A4 document printed with the browser: the unit's header, the title, the printed-at time in Asia/Shanghai,
 * page numbers in the page margin. Not encapsulated, because `@page` only works in a document-wide style.
 */
@Component({
  selector: 'app-print-sheet',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  templateUrl: './print-sheet.html',
  styleUrl: './print-sheet.scss',
  encapsulation: ViewEncapsulation.None,
})
export class PrintSheet {
  readonly title = input.required<string>();
  /** False while the document's data is loading: nothing to print yet. */
  readonly ready = input(true);

  private readonly location = inject(Location);
  protected readonly unit = inject(AuthService).unit;
  protected readonly printedAt = shanghaiDateTime(new Date());

  protected print(): void {
    window.print();
  }

  protected back(): void {
    this.location.back();
  }
}
