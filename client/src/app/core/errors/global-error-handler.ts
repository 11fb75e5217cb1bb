import { ErrorHandler, Injectable, Injector, inject } from '@angular/core';
import { ErrorNotifier } from './error-notifier.service';

/** Errors nobody caught: logged, and shown in the snack bar as `errors.<code>` (or a generic text). */
@Injectable()
export class GlobalErrorHandler implements ErrorHandler {
  // Resolved on first use: the snack bar's dependencies may themselves need the ErrorHandler.
  private readonly injector = inject(Injector);

  handleError(error: unknown): void {
    console.error(error);
    this.injector.get(ErrorNotifier).show(error);
  }
}
