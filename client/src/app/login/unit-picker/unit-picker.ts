import { DatePipe } from '@angular/common';
import { Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { AgentInvitation } from '@common/api/agents';
import type { UnitSummary } from '@common/api/auth';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { AuthService, homePath, invitationsResource } from '../../core/auth/auth.service';
import { returnPath } from '../../core/auth/return-path';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { PageFrame } from '../../shared/page-frame/page-frame';
import { Toast } from '../../shared/toast';

/**
 * An agent bound to several units chooses the one to act for; an agent invited by a unit accepts or
 * declines here, and only an accepted invitation binds them.
 */
@Component({
  selector: 'app-unit-picker',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, MatListModule, MatProgressBarModule, TranslatePipe, PageFrame],
  templateUrl: './unit-picker.html',
  styleUrls: ['../../shared/frame-card.scss', './unit-picker.scss'],
})
export class UnitPicker {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);
  private readonly toast = inject(Toast);

  /** The page the agent came for, to go on to once a unit is chosen (checked before use). */
  readonly next = input<string>();

  protected readonly user = this.auth.user;
  protected readonly units = computed(() => this.auth.session()?.units ?? []);
  protected readonly currentUnitId = computed(() => this.auth.unit()?.id ?? null);
  protected readonly choosing = signal(false);
  /** Asked for only when the session says there are some. */
  private readonly invitationList = invitationsResource(() => (this.auth.session()?.pendingInvitations ?? 0) > 0);
  protected readonly invitations = computed(() =>
    (this.auth.session()?.pendingInvitations ?? 0) > 0 ? (this.invitationList.value()?.items ?? []) : [],
  );
  /** The unit whose invitation is being answered. */
  protected readonly answering = signal<number | null>(null);

  protected accept(invitation: AgentInvitation): void {
    this.answer(invitation, this.auth.acceptInvitation(invitation.unitId), 'unitPicker.invitations.accepted');
  }

  protected decline(invitation: AgentInvitation): void {
    this.answer(invitation, this.auth.declineInvitation(invitation.unitId), 'unitPicker.invitations.declined');
  }

  private answer(invitation: AgentInvitation, call: Observable<unknown>, doneKey: string): void {
    this.answering.set(invitation.unitId);
    call.subscribe({
      next: () => {
        this.answering.set(null);
        this.invitationList.reload();
        this.toast.show(doneKey, { name: invitation.unitName });
      },
      error: (error: unknown) => {
        this.answering.set(null);
        this.notifier.show(error);
      },
    });
  }

  protected choose(unit: UnitSummary): void {
    this.choosing.set(true);
    this.auth.selectUnit(unit.id).subscribe({
      next: (session) => {
        this.choosing.set(false);
        const home = homePath(session);
        void this.router.navigateByUrl((home === '/home' && returnPath(this.next())) || home);
      },
      error: (error: unknown) => {
        this.choosing.set(false);
        this.notifier.show(error);
      },
    });
  }

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigateByUrl('/login'));
  }
}
