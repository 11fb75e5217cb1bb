import { DatePipe } from '@angular/common';
import { Component, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Agent } from '@common/api/agents';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { ListPage } from '../../shared/list-page/list-page';
import { rowsOf } from '../../shared/resource-value';
import { agentForm } from '../agent-form';
import { AgentsApi, agentsResource } from '../agents-api';
import { AgentStatusDialog, type AgentStatusDialogData } from '../agent-status-dialog/agent-status-dialog';
import { ResetPasswordDialog } from '../reset-password-dialog/reset-password-dialog';

@Component({
  selector: 'app-agents-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    TranslatePipe,
    FieldErrorPipe,
    ListPage,
  ],
  templateUrl: './agents-page.html',
  styleUrl: './agents-page.scss',
})
export class AgentsPage {
  private readonly api = inject(AgentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly agents = agentsResource();
  protected readonly rows = rowsOf(this.agents);
  protected readonly columns = ['name', 'mobile', 'status', 'boundAt', 'actions'];
  protected readonly form = agentForm();
  protected readonly adding = signal(false);
  protected readonly addFailure = signal<Message | null>(null);
  /** The agent whose status is being changed. */
  protected readonly changingId = signal<number | null>(null);

  protected add(): void {
    this.addFailure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.adding.set(true);
    this.api.create(this.form.getRawValue()).subscribe({
      next: (agent) => {
        this.adding.set(false);
        this.formDirective().resetForm();
        this.agents.reload();
        if (agent.status === 'invited') this.tell('agents.invited', { mobile: agent.mobile });
        else this.tell('agents.added', { name: agent.name });
      },
      error: (error: unknown) => {
        this.adding.set(false);
        if (!applyServerErrors(this.form, error)) this.addFailure.set(errorMessage(error));
      },
    });
  }

  protected changeStatus(agent: Agent): void {
    const data: AgentStatusDialogData = { agent, disable: !agent.disabled };
    this.dialog
      .open<AgentStatusDialog, AgentStatusDialogData, boolean>(AgentStatusDialog, { data })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => {
          this.changingId.set(agent.id);
          return this.api.setDisabled(agent.id, data.disable);
        }),
      )
      .subscribe({
        next: (updated) => {
          this.changingId.set(null);
          this.agents.value.update((list) => list && { items: list.items.map((a) => (a.id === updated.id ? updated : a)) });
          this.tell(updated.disabled ? 'agents.disabledNotice' : 'agents.enabledNotice', { name: updated.name });
        },
        error: (error: unknown) => {
          this.changingId.set(null);
          this.notifier.show(error);
        },
      });
  }

  protected withdrawInvitation(agent: Agent): void {
    this.changingId.set(agent.id);
    this.api.withdrawInvitation(agent.id).subscribe({
      next: () => {
        this.changingId.set(null);
        this.agents.reload();
        this.tell('agents.invitationWithdrawn', { mobile: agent.mobile });
      },
      error: (error: unknown) => {
        this.changingId.set(null);
        this.notifier.show(error);
      },
    });
  }

  protected resetPassword(agent: Agent): void {
    this.dialog
      .open<ResetPasswordDialog, Agent, Agent>(ResetPasswordDialog, { data: agent, width: '420px' })
      .afterClosed()
      .pipe(filter((reset): reset is Agent => !!reset))
      .subscribe((reset) => this.tell('agents.resetPassword.done', { name: reset.name }));
  }

  private tell(key: string, params: Record<string, unknown>): void {
    this.snackBar.open(this.translate.instant(key, params), this.translate.instant('common.close'), { duration: 4000 });
  }
}
