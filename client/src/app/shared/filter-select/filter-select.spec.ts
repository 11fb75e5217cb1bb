import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Page, pageProviders } from '../../../testing/page';
import { FilterSelect, type ListFilter } from './filter-select';

type Status = 'active' | 'suspended';

@Component({
  imports: [FilterSelect],
  template: `
    <app-filter-select [filter]="status" [value]="chosen()" (valueChange)="changed($event)" testId="status" />
    <app-filter-select [filter]="user" [value]="7" testId="user" />
  `,
})
class Host {
  readonly status: ListFilter<Status> = {
    label: 'insured.fields.status',
    options: ['active', 'suspended'],
    optionLabels: 'enums.insuredStatus',
    allLabel: 'insuredList.allStatuses',
  };
  readonly user: ListFilter<number> = { label: 'audit.user', options: [7, 8], optionText: (id) => `用户${id}` };
  readonly chosen = signal<Status | undefined>(undefined);
  readonly changes: (Status | undefined)[] = [];

  changed(value: Status | undefined): void {
    this.changes.push(value);
    this.chosen.set(value);
  }
}

describe('FilterSelect', () => {
  let page: Page;
  let host: Host;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    const fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    page = new Page(fixture);
    await page.stable();
  });

  it('shows no value as "all", and says undefined when "all" is chosen again', async () => {
    expect(await (await page.select('status')).getValueText()).toBe('全部');
    expect(await page.optionTexts('status')).toEqual(['全部', '参保中', '暂停']);

    await page.choose('status', '暂停');
    await page.choose('status', '全部');
    expect(host.changes).toEqual(['suspended', undefined]);
  });

  it('follows the value it is given, as a URL changed by back or a link', async () => {
    host.chosen.set('active');
    await page.stable();
    expect(await (await page.select('status')).getValueText()).toBe('参保中');
  });

  it('words options by its function, and offers no "all" without its label', async () => {
    const user = await page.loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="user"]' }));
    expect(await user.getValueText()).toBe('用户7');
    expect(await page.optionTexts('user')).toEqual(['用户7', '用户8']);
  });
});
