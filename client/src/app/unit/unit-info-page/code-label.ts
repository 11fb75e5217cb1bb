import { Component, computed, input } from '@angular/core';
import { BANK_CATEGORIES } from '@common/api/maintenance';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * The codes of the unit record that the hall words, by field. The API types them as plain strings, so a code
 * not listed here is shown as it is, never as a missing translation.
 */
const WORDED = {
  unitType: ['enterprise', 'institution', 'government', 'social_organization', 'individual_business', 'other'],
  economicType: ['state_owned', 'collective', 'private', 'limited_liability', 'joint_stock', 'foreign_invested', 'other'],
  industry: ['software', 'logistics', 'manufacturing', 'retail', 'construction', 'finance', 'education', 'healthcare', 'other'],
  collectionMode: ['tax', 'agency'],
  bankCategory: BANK_CATEGORIES,
} as const satisfies Record<string, readonly string[]>;

export type CodedField = keyof typeof WORDED;

/** A coded value of the unit record in words (`enterprise` → 企业), or `—` when there is none. */
@Component({
  selector: 'app-code-label',
  imports: [TranslatePipe],
  template: `@if (key(); as key) {
      {{ key | translate }}
    } @else {
      {{ code() ?? '—' }}
    }`,
})
export class CodeLabel {
  readonly code = input.required<string | null>();
  readonly field = input.required<CodedField>();

  protected readonly key = computed(() => {
    const code = this.code();
    const worded: readonly string[] = WORDED[this.field()];
    return code !== null && worded.includes(code) ? `unitInfo.codes.${this.field()}.${code}` : null;
  });
}
