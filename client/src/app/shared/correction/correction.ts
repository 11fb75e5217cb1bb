import { httpResource, type HttpResourceRef } from '@angular/common/http';
import { Component, computed, inject, input, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Submission, SubmissionKind, SubmissionOf } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { Notice } from '../notice/notice';
import { valueOf } from '../resource-value';

/** Where a rejected submission of each kind is corrected: its form, or the page of its dialog, given `?corrects=<id>`. */
export const CORRECT_AT: Record<SubmissionKind, string> = {
  addition: '/additions',
  reduction: '/reductions',
  'base-declaration': '/base-declaration',
  'unit-info-change': '/unit-info',
  'bank-account-change': '/unit-info',
  'hukou-change': '/insured',
  // A rejected registration belongs to no unit, so no unit's home lists it.
  'unit-registration': '/unit-info',
  // A person registers again from the personal hall; no unit's message names it.
  'resident-registration': '/me/resident-registration',
};

export interface Correction {
  /** The id in `?corrects=`, or null. */
  readonly id: Signal<number | null>;
  readonly rejected: HttpResourceRef<Submission | undefined>;
  /** The rejected submission when it is one of `kinds` and can still be corrected. */
  of<K extends SubmissionKind>(...kinds: K[]): SubmissionOf<K> | null;
  /** The correction is submitted: the to-do is done, so `?corrects=` leaves the URL (the page's other parameters stay). */
  done(): void;
}

/**
 * The rejected submission the page's `?corrects=<id>` names, loaded to fill the form it is corrected in; the
 * page submits with `corrects` and the server makes the new submission refer to it. Call in the injection
 * context of a routed page.
 */
export function correction(): Correction {
  const router = inject(Router);
  const id = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const value = Number(params.get('corrects'));
        return Number.isInteger(value) && value > 0 ? value : null;
      }),
    ),
    { initialValue: null },
  );
  const rejected = httpResource<Submission>(() => {
    const value = id();
    return value === null ? undefined : `/api/submissions/${value}`;
  });
  return {
    id,
    rejected,
    of: <K extends SubmissionKind>(...kinds: K[]) => {
      const found = valueOf(rejected);
      const correctable = found && found.status === 'rejected' && found.correctedById === null;
      return correctable && (kinds as SubmissionKind[]).includes(found.kind) ? (found as SubmissionOf<K>) : null;
    },
    done: () => void router.navigate([], { queryParams: { corrects: null }, queryParamsHandling: 'merge', replaceUrl: true }),
  };
}

/** What a correction's page says above its form: what is corrected and why, or why it cannot be. */
@Component({
  selector: 'app-correction-notice',
  imports: [TranslatePipe, Notice],
  template: `
    @if (rejected().error()) {
      <app-notice kind="error" data-testid="correction-failed">{{ 'corrections.loadFailed' | translate }}</app-notice>
    } @else if (submission(); as s) {
      @if (problem(); as code) {
        <app-notice kind="error" data-testid="correction-refused">{{ 'errors.' + code | translate }}</app-notice>
      } @else {
        <app-notice kind="warning" data-testid="correction-notice">
          {{
            'corrections.notice'
              | translate
                : {
                    kind: 'enums.submissionKind.' + s.kind | translate,
                    person: s.personName ?? ('messages.theUnit' | translate),
                    reason: s.reviewReason ?? '—',
                  }
          }}
        </app-notice>
      }
    }
  `,
})
export class CorrectionNotice {
  readonly rejected = input.required<HttpResourceRef<Submission | undefined>>();
  readonly kinds = input.required<readonly SubmissionKind[]>();
  protected readonly submission = computed(() => valueOf(this.rejected()));
  protected readonly problem = computed(() => {
    const s = this.submission();
    if (!s) return null;
    if (s.status !== 'rejected') return 'SUBMISSION_NOT_REJECTED';
    if (!this.kinds().includes(s.kind)) return 'CORRECTION_OTHER_KIND';
    return s.correctedById === null ? null : 'SUBMISSION_ALREADY_CORRECTED';
  });
}
