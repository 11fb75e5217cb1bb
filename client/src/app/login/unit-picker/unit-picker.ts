import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { UnitSummary } from '@common/api/auth';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, homePath } from '../../core/auth/auth.service';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';

/** An agent bound to several units chooses the one to act for. */
@Component({
  selector: 'app-unit-picker',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatListModule,
    MatProgressBarModule,
    TranslatePipe,
    LanguageSwitcher,
  ],
  templateUrl: './unit-picker.html',
  styleUrl: '../login-frame.scss',
})
export class UnitPicker {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly user = this.auth.user;
  protected readonly units = computed(() => this.auth.session()?.units ?? []);
  protected readonly currentUnitId = computed(() => this.auth.unit()?.id ?? null);
  protected readonly choosing = signal(false);

  protected choose(unit: UnitSummary): void {
    this.choosing.set(true);
    this.auth.selectUnit(unit.id).subscribe({
      next: (session) => {
        this.choosing.set(false);
        void this.router.navigateByUrl(homePath(session));
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
