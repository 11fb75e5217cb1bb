import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { SubmissionKey } from '../idempotency';
import { applyServerErrors } from './server-errors';

/**
 * A dialog's form sent to the server: checked first, sent once per content (the same Idempotency-Key on a
 * retry), closed with the answer; a refusal stays in the dialog, on the fields it names or as a line.
 */
export class DialogSubmission<R> {
  readonly saving = signal(false);
  readonly failure = signal<Message | null>(null);
  private readonly key = new SubmissionKey();

  constructor(
    private readonly form: AbstractControl,
    private readonly ref: MatDialogRef<unknown, R>,
    /** The control of a request field the form holds in another shape. */
    private readonly controlOf: Readonly<Record<string, string>> = {},
  ) {}

  send<Q>(request: () => Q, call: (request: Q, key: string) => Observable<R>): void {
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body = request();
    this.saving.set(true);
    call(body, this.key.for(body)).subscribe({
      next: (result) => {
        this.key.done();
        this.ref.close(result);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (!applyServerErrors(this.form, error, this.controlOf)) this.failure.set(errorMessage(error));
      },
    });
  }
}
