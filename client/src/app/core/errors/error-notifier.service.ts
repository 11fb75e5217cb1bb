import { inject, Injector, PendingTasks, Service } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { errorMessage } from './api-error';

/** The one snack bar that tells the user about an error; each error is told once. */
@Service()
export class ErrorNotifier {
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly translate = inject(TranslateService);
  private readonly told = new WeakSet<object>();

  show(error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.told.has(error)) return;
      this.told.add(error);
    }
    const { key, params } = errorMessage(error);
    const message = this.translate.instant(key, params) as string;
    const close = this.translate.instant('common.close') as string;
    // The snack bar and its overlay load on the first error rather than with the sign-in page, which never
    // needs them otherwise. A pending task, so the app is not stable until the bar is up.
    void this.pendingTasks.run(async () => {
      const { MatSnackBar } = await import('@angular/material/snack-bar');
      this.injector.get(MatSnackBar).open(message, close, { duration: 8000, panelClass: 'error-snack-bar' });
    });
  }
}
