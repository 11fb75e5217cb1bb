import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestCatalogues } from '../../../testing/translation';
import { Shell } from './shell';

@Component({
  selector: 'app-paged-probe',
  imports: [MatPaginatorModule],
  template: '<mat-paginator [length]="45" [pageSize]="20" />',
})
class PagedProbe {}

describe('Shell', () => {
  it('gives the pages in it a paginator worded in the user’s language (the root no longer does)', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '', component: Shell, children: [{ path: '', component: PagedProbe }] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        // The catalogues as the app's root has them: no paginator labels of their own.
        provideTestCatalogues('zh-CN'),
        provideNoMaterialAnimations(),
      ],
    });
    signIn(UNIT_ADMIN);
    const harness = await RouterTestingHarness.create('/');
    const paginator = await TestbedHarnessEnvironment.loader(harness.fixture).getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 45 条');
  });
});
