import { Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/** A grid of labelled values (a `<dl>`) on detail dialogs and information pages; its items are `Fact`s. */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- on the <dl> itself, as Material's button[mat-button], so the list stays a list
  selector: 'dl[appFacts]',
  template: '<ng-content />',
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px 24px;
      margin: 0;
    }
  `,
})
export class Facts {}

/** One labelled value: the label is a translation key, the value is the content. */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- on the <div> of a <dl>, as above
  selector: 'div[appFact]',
  imports: [TranslatePipe],
  template: `<dt>{{ label() | translate }}</dt>
    <dd><ng-content /></dd>`,
  styles: `
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class Fact {
  readonly label = input.required<string>({ alias: 'appFact' });
}
