import { Pipe, type PipeTransform } from '@angular/core';

/** A rate in basis points as a percentage, `750` → `7.5%`, `200` → `2%`; integers only. */
@Pipe({ name: 'rate' })
export class RatePipe implements PipeTransform {
  transform(bp: number): string {
    const fraction = String(bp % 100)
      .padStart(2, '0')
      .replace(/0+$/, '');
    return `${Math.floor(bp / 100)}${fraction ? `.${fraction}` : ''}%`;
  }
}
