import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { AgentInvitation } from '@common/api/agents';
import type { SessionInfo } from '@common/api/auth';
import { AuthService } from '../../core/auth/auth.service';
import { pageProviders, testId, type Page } from '../../../testing/page';
import { openPage } from '../../../testing/routed-page';
import { AGENT_ONE_UNIT, HARBOUR_FOODS, RIVER_LOGISTICS, signIn } from '../../../testing/sessions';
import { UnitPicker } from './unit-picker';

@Component({ template: 'elsewhere' })
class Elsewhere {}

const INVITED: SessionInfo = { ...AGENT_ONE_UNIT, pendingInvitations: 1 };
const FROM_RIVER: AgentInvitation = { unitId: RIVER_LOGISTICS.id, unitName: RIVER_LOGISTICS.name, invitedAt: '2026-11-24T06:00:00Z' };

describe('UnitPicker', () => {
  let http: HttpTestingController;
  let page: Page;

  async function open(session: SessionInfo): Promise<void> {
    TestBed.configureTestingModule({
      providers: pageProviders([
        { path: 'select-unit', component: UnitPicker },
        { path: 'home', component: Elsewhere },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    signIn(session);
    page = await openPage('/select-unit');
  }

  afterEach(() => http.verify());

  const unitIds = () => Array.from(page.element.querySelectorAll(testId('unit-option')), (e) => e.getAttribute('data-unit-id'));

  it('asks for no invitations when the session has none', async () => {
    await open(AGENT_ONE_UNIT);
    http.expectNone('/api/auth/invitations');
    expect(page.texts('invitation')).toEqual([]);
    expect(unitIds()).toEqual([String(HARBOUR_FOODS.id)]);
  });

  it('shows an invitation and binds the agent to the unit once accepted', async () => {
    await open(INVITED);
    http.expectOne('/api/auth/invitations').flush({ items: [FROM_RIVER] });
    await page.stable();
    expect(page.texts('invitation')).toEqual([`${RIVER_LOGISTICS.name} 邀请时间：2026-11-24 14:00 拒绝 接受`]);

    await page.click('invitation-accept');
    const accept = http.expectOne(`/api/auth/invitations/${RIVER_LOGISTICS.id}/accept`);
    expect(accept.request.method).toBe('POST');
    accept.flush({ ...AGENT_ONE_UNIT, units: [HARBOUR_FOODS, RIVER_LOGISTICS], pendingInvitations: 0 });
    await page.stable();

    expect(page.texts('invitation')).toEqual([]);
    expect(unitIds()).toEqual([String(HARBOUR_FOODS.id), String(RIVER_LOGISTICS.id)]);
    expect(TestBed.inject(AuthService).canSwitchUnit()).toBeTrue();
    expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(`已加入 ${RIVER_LOGISTICS.name}`);
  });

  it('declines an invitation without binding anything', async () => {
    await open(INVITED);
    http.expectOne('/api/auth/invitations').flush({ items: [FROM_RIVER] });
    await page.stable();

    await page.click('invitation-decline');
    http.expectOne(`/api/auth/invitations/${RIVER_LOGISTICS.id}/decline`).flush(null, { status: 204, statusText: 'No Content' });
    await page.stable();

    expect(page.texts('invitation')).toEqual([]);
    expect(unitIds()).toEqual([String(HARBOUR_FOODS.id)]);
    expect(TestBed.inject(AuthService).session()?.pendingInvitations).toBe(0);
  });
});
