import { Component, computed, input } from '@angular/core';
import { BANK_CATEGORIES } from '@common/api/maintenance';
import { COLLECTION_MODES, ECONOMIC_TYPES, INDUSTRIES, UNIT_TYPES } from '@common/api/unit-codes';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * The codes of the unit record that the hall words, by field. The API types them as plain strings, so a code
 * not listed here is shown as it is, never as a missing translation.
 */
const WORDED = {
  unitType: UNIT_TYPES,
  economicType: ECONOMIC_TYPES,
  industry: INDUSTRIES,
  collectionMode: COLLECTION_MODES,
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
