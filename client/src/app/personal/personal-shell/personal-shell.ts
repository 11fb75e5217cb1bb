import { BreakpointObserver } from '@angular/cdk/layout';
import { Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';
import { PERSONAL_MENU } from '../personal-menu';

/**
 * The personal hall's frame, mobile first: a compact toolbar (name, language, an account menu with change of
 * password and sign-out) and the personal menu as a bottom bar on a phone, a side list on a wide screen.
 * Nothing of the unit shell: no unit menu, no unit name, no messages.
 */
@Component({
  selector: 'app-personal-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslatePipe,
    LanguageSwitcher,
  ],
  templateUrl: './personal-shell.html',
  styleUrl: './personal-shell.scss',
})
export class PersonalShell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  protected readonly menu = PERSONAL_MENU;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigateByUrl('/login'));
  }
}
