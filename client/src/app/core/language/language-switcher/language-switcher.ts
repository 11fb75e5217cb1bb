import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../language.service';
import { LANGUAGES, type Language } from '@common/i18n';

@Component({
  selector: 'app-language-switcher',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslatePipe],
  templateUrl: './language-switcher.html',
})
export class LanguageSwitcher {
  private readonly language = inject(LanguageService);

  protected readonly languages = LANGUAGES;
  protected readonly current = this.language.current;

  protected choose(lang: Language): void {
    void this.language.use(lang);
  }
}
