import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestCatalogues } from '../../../testing/translation';
import { UnreadMessages } from '../../messages/messages-api';
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
        { provide: UnreadMessages, useValue: { count: signal(0), refresh: () => undefined } },
      ],
    });
    signIn(UNIT_ADMIN);
    const harness = await RouterTestingHarness.create('/');
    const paginator = await TestbedHarnessEnvironment.loader(harness.fixture).getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 45 条');
  });

  it("shows the unit's unread messages in the toolbar, linking to them, and asks again on every navigation", async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          {
            path: '',
            component: Shell,
            children: [
              { path: '', component: PagedProbe },
              { path: 'other', component: PagedProbe },
            ],
          },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestCatalogues('zh-CN'),
        provideNoMaterialAnimations(),
      ],
    });
    signIn(UNIT_ADMIN);
    const http = TestBed.inject(HttpTestingController);
    const created = RouterTestingHarness.create('/');
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/messages/unread').flush({ unread: 3 });
    const harness = await created;
    harness.detectChanges();
    const link = harness.routeNativeElement!.ownerDocument.querySelector('[data-testid="toolbar-messages"]')!;
    expect(link.getAttribute('href')).toBe('/messages');
    expect(link.getAttribute('aria-label')).toBe('消息，3 条未读');
    expect(link.querySelector('.mat-badge-content')?.textContent?.trim()).toBe('3');

    const navigated = harness.navigateByUrl('/other');
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/messages/unread').flush({ unread: 0 });
    await navigated;
    harness.detectChanges();
    expect(link.getAttribute('aria-label')).toBe('消息，0 条未读');
  });
});
