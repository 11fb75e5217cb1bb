import { DestroyRef, effect, inject, untracked } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { FormDrafts } from '../../core/auth/form-drafts';

/**
 * Keeps what is typed into the page's form across a session that ends mid-form (see `FormDrafts`); the form may
 * appear later (built once options load). Call in the injection context of a routed page.
 */
export function keepDraft(form: () => AbstractControl | null): void {
  const drafts = inject(FormDrafts);
  const auth = inject(AuthService);
  const route = inject(ActivatedRoute);
  const path = '/' + route.snapshot.pathFromRoot.flatMap((part) => part.url.map((segment) => segment.path)).join('/');
  let kept: AbstractControl | null = null;
  effect(() => {
    const current = form();
    if (current === null || current === kept) return;
    untracked(() => {
      if (kept !== null) drafts.forget(kept);
      kept = current;
      const user = auth.user();
      const draft = user === null ? null : drafts.take(user.id, path);
      if (draft !== null && typeof draft === 'object') {
        current.patchValue(draft);
        current.markAsDirty();
      }
      drafts.keep(current, path);
    });
  });
  inject(DestroyRef).onDestroy(() => {
    if (kept !== null) drafts.forget(kept);
  });
}
