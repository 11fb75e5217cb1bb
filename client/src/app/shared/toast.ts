import { inject, Service } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';

/** A short confirmation in the snack bar that something the user asked for is done. */
@Service()
export class Toast {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);

  show(key: string, params: Record<string, unknown> = {}): void {
    this.snackBar.open(this.translate.instant(key, params), this.translate.instant('common.close'), { duration: 4000 });
  }
}
