import { afterRenderEffect, Component, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../language.service';
import { LANGUAGES, type Language } from '@common/i18n';

@Component({
  selector: 'app-language-switcher',
  // The menu's parts one by one, not MatMenuModule: standalone pieces used only in the @defer block load with it.
  imports: [MatButtonModule, MatIconModule, MatMenu, MatMenuItem, MatMenuTrigger, TranslatePipe],
  templateUrl: './language-switcher.html',
})
export class LanguageSwitcher {
  private readonly language = inject(LanguageService);

  protected readonly languages = LANGUAGES;
  protected readonly current = this.language.current;
  /** Set by the first click on the stand-in button; the menu opens as soon as it has loaded. */
  protected readonly menuWanted = signal(false);
  private readonly trigger = viewChild<MatMenuTrigger>('trigger');

  constructor() {
    afterRenderEffect(() => {
      // Closing gives focus back to the trigger, which has taken the stand-in's place.
      this.trigger()?.openMenu();
    });
  }

  protected choose(lang: Language): void {
    void this.language.use(lang);
  }
}
