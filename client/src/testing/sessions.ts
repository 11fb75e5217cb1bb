import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import type { SessionInfo, UnitSummary } from '@common/api/auth';
import { AuthService } from '../app/core/auth/auth.service';

export const HARBOUR_FOODS: UnitSummary = { id: 11, name: '福州港湾食品有限公司', creditCode: '91350100M000100Y43' };
export const RIVER_LOGISTICS: UnitSummary = { id: 12, name: '闽江物流有限公司', creditCode: '91350100M000200Y34' };

export const UNIT_ADMIN: SessionInfo = {
  user: { id: 1, role: 'unit_admin', name: '陈经理', login: HARBOUR_FOODS.creditCode, mustChangePassword: false },
  unit: HARBOUR_FOODS,
  units: [HARBOUR_FOODS],
  pendingInvitations: 0,
};

export const AGENT_ONE_UNIT: SessionInfo = {
  user: { id: 2, role: 'agent', name: '林小红', login: '13800138000', mustChangePassword: false },
  unit: HARBOUR_FOODS,
  units: [HARBOUR_FOODS],
  pendingInvitations: 0,
};

/** Bound to two units and not yet chosen. */
export const AGENT_TWO_UNITS: SessionInfo = {
  user: { id: 3, role: 'agent', name: '王建国', login: '13900139000', mustChangePassword: false },
  unit: null,
  units: [HARBOUR_FOODS, RIVER_LOGISTICS],
  pendingInvitations: 0,
};

export const REVIEWER: SessionInfo = {
  user: { id: 4, role: 'reviewer', name: '赵审核', login: 'zhao', mustChangePassword: false },
  unit: null,
  units: [],
  pendingInvitations: 0,
};

/** A person of the personal hall, signed in with their ID number. */
export const PERSON: SessionInfo = {
  user: { id: 5, role: 'person', name: '陈静', login: '350102199003071285', mustChangePassword: false },
  unit: null,
  units: [],
  pendingInvitations: 0,
};

/** Signs in the way the app does on start: GET /api/auth/me answered with the session. */
export function signIn(session: SessionInfo): void {
  TestBed.inject(AuthService).restore().subscribe();
  TestBed.inject(HttpTestingController).expectOne('/api/auth/me').flush(session);
}
