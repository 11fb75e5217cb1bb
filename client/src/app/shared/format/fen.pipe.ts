import { Pipe, type PipeTransform } from '@angular/core';
import { formatFen } from '@common/insurance';

/** Integer fen as yuan with two decimals, `123456` → `1234.56`; wrap in `common.yuan` for the currency sign. */
@Pipe({ name: 'fen' })
export class FenPipe implements PipeTransform {
  transform(fen: number): string {
    return formatFen(fen);
  }
}
