import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AgentInvitation } from '@common/api/agents';
import type { SessionInfo } from '@common/api/auth';
import { AuthService } from '../../core/auth/auth.service';
import { AGENT_ONE_UNIT, HARBOUR_FOODS, RIVER_LOGISTICS, signIn } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { UnitPicker } from './unit-picker';

@Component({ template: 'elsewhere' })
class Elsewhere {}

const INVITED: SessionInfo = { ...AGENT_ONE_UNIT, pendingInvitations: 1 };
const FROM_RIVER: AgentInvitation = { unitId: RIVER_LOGISTICS.id, unitName: RIVER_LOGISTICS.name, invitedAt: '2026-11-24T06:00:00Z' };

describe('UnitPicker', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let documentLoader: HarnessLoader;

  async function open(session: SessionInfo): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'select-unit', component: UnitPicker },
          { path: 'home', component: Elsewhere },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signIn(session);
    harness = await RouterTestingHarness.create('/select-unit');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    documentLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
  }

  afterEach(() => http.verify());

  const all = (testId: string) => Array.from(harness.routeNativeElement?.querySelectorAll(`[data-testid="${testId}"]`) ?? []);
  const button = (testId: string) => loader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));

  it('asks for no invitations when the session has none', async () => {
    await open(AGENT_ONE_UNIT);
    http.expectNone('/api/auth/invitations');
    expect(all('invitation')).toEqual([]);
    expect(all('unit-option').length).toBe(1);
  });

  it('shows an invitation and binds the agent to the unit once accepted', async () => {
    await open(INVITED);
    http.expectOne('/api/auth/invitations').flush({ items: [FROM_RIVER] });
    await harness.fixture.whenStable();
    expect(all('invitation').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      `${RIVER_LOGISTICS.name} 邀请时间：2026-11-24 14:00 拒绝 接受`,
    ]);

    await (await button('invitation-accept')).click();
    const accept = http.expectOne(`/api/auth/invitations/${RIVER_LOGISTICS.id}/accept`);
    expect(accept.request.method).toBe('POST');
    accept.flush({ ...AGENT_ONE_UNIT, units: [HARBOUR_FOODS, RIVER_LOGISTICS], pendingInvitations: 0 });
    await harness.fixture.whenStable();

    expect(all('invitation')).toEqual([]);
    expect(all('unit-option').map((e) => e.getAttribute('data-unit-id'))).toEqual([String(HARBOUR_FOODS.id), String(RIVER_LOGISTICS.id)]);
    expect(TestBed.inject(AuthService).canSwitchUnit()).toBeTrue();
    expect(await (await documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(`已加入 ${RIVER_LOGISTICS.name}`);
  });

  it('declines an invitation without binding anything', async () => {
    await open(INVITED);
    http.expectOne('/api/auth/invitations').flush({ items: [FROM_RIVER] });
    await harness.fixture.whenStable();

    await (await button('invitation-decline')).click();
    http.expectOne(`/api/auth/invitations/${RIVER_LOGISTICS.id}/decline`).flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();

    expect(all('invitation')).toEqual([]);
    expect(all('unit-option').length).toBe(1);
    expect(TestBed.inject(AuthService).session()?.pendingInvitations).toBe(0);
  });
});
