import { Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';

/**
 * The frame of the pages outside the shell (login, unit picker, changing the password): a top bar with the
 * hall's name and the language switcher, and the page's card centred below (styled by frame-card.scss).
 */
@Component({
  selector: 'app-page-frame',
  imports: [MatIconModule, TranslatePipe, LanguageSwitcher],
  template: `
    <header class="top">
      <span class="brand">
        <mat-icon>account_balance</mat-icon>
        {{ 'app.title' | translate }}
      </span>
      <app-language-switcher />
    </header>
    <main class="page">
      <ng-content />
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100vh;
    }

    .top {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 8px 24px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      --mat-button-text-label-text-color: var(--mat-sys-on-primary);
    }

    .brand {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-title-large);
    }

    .page {
      display: flex;
      justify-content: center;
      padding: 48px 16px;
    }
  `,
})
export class PageFrame {}
