import { Component, resource } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { provideTestTranslation } from '../../../testing/translation';
import { PagedTable } from './paged-table';
import { Paging } from './paging';

@Component({
  imports: [PagedTable],
  template: '<app-paged-table [resource]="rows" [paging]="paging"><table></table></app-paged-table>',
})
class Host {
  protected readonly rows = resource({ loader: () => Promise.resolve({ total: 45 }) });
  protected readonly paging = new Paging(() => null);
}

describe('PagedTable', () => {
  it('words its paginator in the user’s language, which the root does not provide', async () => {
    TestBed.configureTestingModule({ providers: [provideTestTranslation('zh-CN'), provideNoMaterialAnimations()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const paginator = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 45 条');
  });
});
