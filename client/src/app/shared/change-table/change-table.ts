import { Component, computed, input } from '@angular/core';
import { ADDITION_FIELD_LIST } from '@common/api/addition-fields';
import { CHANGE_FIELDS, type ShownField, type Submission } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';

/** A value as shown: a translation key for codes, the text otherwise (a dash when there is none). */
export interface Shown {
  key: string | null;
  text: string;
}

export interface ChangeRow {
  field: string;
  label: string;
  before: Shown;
  after: Shown;
  changed: boolean;
}

/** The personal data an addition brings: the name and the registry's registered fields (addition-fields.ts). */
const PERSON_FIELDS: readonly ShownField[] = ADDITION_FIELD_LIST.filter((f) => f.key === 'name' || f.stored === 'person and employment').map((f) => ({
  field: f.key,
  label: f.label,
  codes: f.codes?.labels,
}));

/** Fields by name, as a row of the table reads them. */
type Values = Readonly<Record<string, unknown>>;

function shown(value: unknown, codes: string | undefined): Shown {
  if (value === null || value === undefined || value === '') return { key: null, text: '—' };
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return codes ? { key: `${codes}.${text}`, text } : { key: null, text };
}

/**
 * A change's fields before and after; an addition of a known person's personal data as registered and as
 * submitted; none for anything else.
 */
export function changeRows(submission: Submission): ChangeRow[] {
  const compared = comparedValues(submission);
  if (!compared) return [];
  const { fields, before, after } = compared;
  return fields.map(({ field, label, codes }) => ({
    field,
    label,
    before: shown(before[field], codes),
    after: shown(after[field], codes),
    changed: (before[field] ?? null) !== (after[field] ?? null),
  }));
}

function comparedValues(submission: Submission): { fields: readonly ShownField[]; before: Values; after: Values } | null {
  switch (submission.kind) {
    case 'addition':
      return submission.registeredPerson ? { fields: PERSON_FIELDS, before: submission.registeredPerson, after: submission.payload } : null;
    case 'reduction':
    case 'base-declaration':
    case 'resident-registration':
      return null;
    default:
      return { fields: CHANGE_FIELDS[submission.kind], before: submission.payload.before, after: submission.payload.after };
  }
}

/** A change submission (or a known person's addition) as a table of its fields, before and after, the changed ones marked. */
@Component({
  selector: 'app-change-table',
  imports: [TranslatePipe],
  template: `
    <table class="changes" data-testid="change-table">
      <thead>
        <tr>
          <th>{{ 'maintenance.field' | translate }}</th>
          <th>{{ beforeLabel() | translate }}</th>
          <th>{{ afterLabel() | translate }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.field) {
          <tr data-testid="change-row" [class.changed]="row.changed">
            <th scope="row">{{ row.label | translate }}</th>
            <td>{{ row.before.key ? (row.before.key | translate) : row.before.text }}</td>
            <td>{{ row.after.key ? (row.after.key | translate) : row.after.text }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .changes {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc);
      text-align: left;
      overflow-wrap: anywhere;
    }
    thead th,
    tbody th {
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant, #444);
    }
    .changed td:last-child {
      font-weight: 600;
    }
  `,
})
export class ChangeTable {
  readonly submission = input.required<Submission>();
  readonly beforeLabel = input('maintenance.before');
  readonly afterLabel = input('maintenance.after');

  protected readonly rows = computed(() => changeRows(this.submission()));
}
