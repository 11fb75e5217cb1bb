import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { Shell } from './shell';

@Component({ selector: 'app-page-probe', template: '' })
class PageProbe {}

describe('Shell', () => {
  it("shows the unit's unread messages in the toolbar, linking to them, and asks again on every navigation", async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          {
            path: '',
            component: Shell,
            children: [
              { path: '', component: PageProbe },
              { path: 'other', component: PageProbe },
            ],
          },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslation('zh-CN'),
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
