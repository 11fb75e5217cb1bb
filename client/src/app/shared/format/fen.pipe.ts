import { inject, Pipe, type PipeTransform } from '@angular/core';
import { formatFen } from '@common/insurance';
import { LanguageService } from '../../core/language/language.service';

/**
 * Integer fen as yuan with thousands separators and two decimals in the page's language, `1234567` →
 * `12,345.67` (es `12.345,67`); wrap in `common.yuan` for the currency sign. Impure, as the translate
 * pipe is: the same amount reads anew when the language changes.
 */
@Pipe({ name: 'fen', pure: false })
export class FenPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(fen: number): string {
    return formatFen(fen, this.language.current());
  }
}
