import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditFilters, type AuditEntry } from '@common/api/audit';
import { auditChanges, type AuditChange } from '@common/api/audit-changes';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/language/language.service';
import { agentsResource } from '../../agents/agents-api';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect, type ListFilter } from '../../shared/filter-select/filter-select';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { AUDIT_EXPORT, auditPageResource, auditParams, type AuditFilters } from '../audit-api';
import { rowsOf } from '../../shared/resource-value';
import { DAY_PICKER } from '../../shared/dates/iso-date-adapter';

/** A backwards range shows at once, not only after the field is left. */
const atOnce: ErrorStateMatcher = { isErrorState: (control) => !!control?.invalid };

/** 操作日志: every action of the unit's users, newest first, with the record before and after. */
@Component({
  selector: 'app-audit-page',
  imports: [
    MatDatepickerModule,
    DatePipe,
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    TranslatePipe,
    ListPage,
    FilterSelect,
  ],
  providers: [DAY_PICKER],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly session = inject(AuthService).session;
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly agents = agentsResource();

  protected readonly columns = ['at', 'user', 'action', 'entity', 'changes'];
  // The URL may name any action, an older one too: the filter's values are strings.
  protected readonly typeFilter: ListFilter<string> = {
    label: 'audit.type',
    options: AUDIT_ACTIONS,
    optionLabels: 'audit.actions',
    allLabel: 'audit.all',
  };
  protected readonly exportUrl = AUDIT_EXPORT;
  protected readonly atOnce = atOnce;

  /** The administrator, then the unit's agents. */
  protected readonly users = computed(() => {
    const me = this.session()?.user;
    const agents = this.agents.hasValue() ? (this.agents.value()?.items ?? []) : [];
    return [...(me ? [{ id: me.id, name: me.name, role: me.role }] : []), ...agents.map((a) => ({ id: a.id, name: a.name, role: 'agent' }))];
  });
  /** The users, each by name and role. */
  protected readonly userFilter = computed((): ListFilter<number> => {
    const users = this.users();
    return {
      label: 'audit.user',
      options: users.map((u) => u.id),
      optionText: (id) => {
        const user = users.find((u) => u.id === id)!;
        return `${user.name}（${this.translate.instant(`roles.${user.role}`)}）`;
      },
      allLabel: 'audit.all',
    };
  });

  /** Search, user, action and days in the URL. */
  protected readonly list = listState({
    q: queryParam(auditFilters.shape.q),
    user: queryParam(auditFilters.shape.user),
    type: queryParam(auditFilters.shape.type),
    from: queryParam(auditFilters.shape.from),
    to: queryParam(auditFilters.shape.to),
  });
  protected readonly search = this.list.searchBox('q');
  private readonly from = new FormControl('', { nonNullable: true });
  protected readonly days = new FormGroup({
    from: this.from,
    to: new FormControl('', {
      nonNullable: true,
      validators: (control) => (control.value && this.from.value && control.value < this.from.value ? { order: true } : null),
    }),
  });
  /** False while the range runs backwards: nothing is asked for then. */
  private readonly rangeValid = this.list.bindForm(this.days);

  private readonly filters = computed((): AuditFilters | null => (this.rangeValid() ? this.list.values() : null));
  protected readonly paging = this.list.paging;
  protected readonly entries = auditPageResource(() => {
    const filters = this.filters();
    return filters && { ...filters, ...this.paging.params() };
  });
  protected readonly rows = rowsOf(this.entries);
  protected readonly exportParams = computed(() => {
    const filters = this.filters();
    return filters && auditParams(filters);
  });
  protected readonly rangeInvalid = computed(() => !this.rangeValid());

  /** Actions the hall names; one added later shows as recorded. */
  protected known(action: string): boolean {
    return (AUDIT_ACTIONS as readonly string[]).includes(action);
  }

  /** Entities the hall names by kind; one added later shows as recorded. */
  protected knownEntity(type: string): boolean {
    return (AUDIT_ENTITY_TYPES as readonly string[]).includes(type);
  }

  /** An entry's record before and after, field by field, codes as catalogue keys, amounts in the page's language. */
  protected changes(entry: AuditEntry): AuditChange[] {
    return auditChanges(entry, this.language.current());
  }

  /** Entries whose before and after are shown. */
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(entry.id)) next.add(entry.id);
      return next;
    });
  }
}
