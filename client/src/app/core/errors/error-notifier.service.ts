import { inject, Service } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { errorMessage } from './api-error';

/** The one snack bar that tells the user about an error; each error is told once. */
@Service()
export class ErrorNotifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly told = new WeakSet<object>();

  show(error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.told.has(error)) return;
      this.told.add(error);
    }
    const { key, params } = errorMessage(error);
    this.snackBar.open(this.translate.instant(key, params), this.translate.instant('common.close'), {
      duration: 8000,
      panelClass: 'error-snack-bar',
    });
  }
}
