import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  ASSISTED_CATEGORIES,
  assistedPersonQuery,
  type AssistedCategory,
  type AssistedImportResult,
  type AssistedPerson,
} from '@common/api/residents';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { required } from '../../shared/forms/field-validators';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { ListPage } from '../../shared/list-page/list-page';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { Notice } from '../../shared/notice/notice';
import { rowsOf } from '../../shared/resource-value';
import { Toast } from '../../shared/toast';
import { ASSISTED_TEMPLATE_URL, AssistedPersonsApi, assistedPageResource } from '../assisted-persons-api';

/**
 * 医疗救助对象: the agency's list of assisted persons per coverage year, paged and filtered on the server with
 * its state in the URL; one added by hand or many imported from the template (checked first, then all or none).
 * The years' standard amounts and collection periods are configuration in the database, not edited here.
 */
@Component({
  selector: 'app-assisted-persons-page',
  imports: [
    DatePipe,
    FieldErrorPipe,
    ListPage,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    Notice,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './assisted-persons-page.html',
  styleUrl: './assisted-persons-page.scss',
})
export class AssistedPersonsPage {
  private readonly api = inject(AssistedPersonsApi);
  private readonly toast = inject(Toast);
  private readonly shape = assistedPersonQuery.shape;

  protected readonly categories = ASSISTED_CATEGORIES;
  protected readonly templateUrl = ASSISTED_TEMPLATE_URL;
  protected readonly columns = ['name', 'idNumber', 'category', 'year', 'recordedBy', 'recordedAt', 'actions'];
  protected readonly list = listState({ year: queryParam(this.shape.year), category: queryParam(this.shape.category), q: queryParam(this.shape.q) });
  protected readonly paging = this.list.paging;
  protected readonly search = this.list.searchBox('q');
  protected readonly page = assistedPageResource(() => ({ ...this.list.values(), ...this.paging.params() }));
  protected readonly rows = rowsOf(this.page);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [required] }),
    idNumber: new FormControl('', { nonNullable: true, validators: [required] }),
    category: new FormControl<AssistedCategory | ''>('', { nonNullable: true, validators: [required] }),
    year: new FormControl('', { nonNullable: true, validators: [required] }),
  });
  protected readonly error = signal<Message | null>(null);
  protected readonly imported = signal<AssistedImportResult | null>(null);
  private file: File | null = null;

  protected filterCategory(category: AssistedCategory | undefined): void {
    void this.list.set({ category });
  }

  protected filterYear(year: string): void {
    void this.list.set({ year: /^\d{4}$/.test(year) ? Number(year) : undefined });
  }

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { category, ...rest } = this.form.getRawValue();
    this.api.add({ ...rest, category: category as AssistedCategory }).subscribe({
      next: () => {
        this.form.reset();
        this.toast.show('assisted.added');
        this.page.reload();
      },
      error: (error: unknown) => {
        if (!applyServerErrors(this.form, error)) this.error.set(errorMessage(error));
      },
    });
  }

  protected remove(person: AssistedPerson): void {
    this.api.remove(person.id).subscribe({
      next: () => {
        this.toast.show('assisted.removed');
        this.page.reload();
      },
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }

  protected chosen(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.imported.set(null);
  }

  /** A check first; the import itself writes every row, or nothing when any has a problem. */
  protected runImport(commit: boolean): void {
    if (!this.file) return;
    this.error.set(null);
    this.api.import(this.file, commit).subscribe({
      next: (result) => {
        this.imported.set(result);
        if (result.imported > 0) this.page.reload();
      },
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }
}
