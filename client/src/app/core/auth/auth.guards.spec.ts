import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo } from '@common/api/auth';
import { AGENT_ONE_UNIT, AGENT_TWO_UNITS, REVIEWER, signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { agentOnly, passwordChanged, rolesAllowed, signedIn, signedOut, unitChosen } from './auth.guards';

@Component({ template: 'page' })
class Page {}

// The guards as app.routes.ts wires them, over placeholder pages.
const routes: Routes = [
  { path: 'login', canActivate: [signedOut], component: Page },
  { path: 'select-unit', canActivate: [signedIn, passwordChanged, agentOnly], component: Page },
  { path: 'change-password', canActivate: [signedIn], component: Page },
  {
    path: '',
    canActivate: [signedIn, passwordChanged, unitChosen],
    children: [
      { path: 'home', canActivate: [rolesAllowed('unit_admin', 'agent')], component: Page },
      { path: 'agents', canActivate: [rolesAllowed('unit_admin')], component: Page },
      { path: 'review', canActivate: [rolesAllowed('reviewer')], component: Page },
    ],
  },
];

const MUST_CHANGE: SessionInfo = { ...AGENT_ONE_UNIT, user: { ...AGENT_ONE_UNIT.user, mustChangePassword: true } };

const cases: [string, SessionInfo | null, string, string][] = [
  ['a visitor who is not signed in', null, '/home', '/login?next=%2Fhome'],
  ['a visitor who is not signed in', null, '/agents', '/login?next=%2Fagents'],
  ['a visitor who is not signed in', null, '/review', '/login?next=%2Freview'],
  ['a visitor who is not signed in', null, '/home?q=%E7%8E%8B&page=2', '/login?next=%2Fhome%3Fq%3D%25E7%258E%258B%26page%3D2'],
  ['a visitor who is not signed in', null, '/select-unit', '/login'],
  ['a visitor who is not signed in', null, '/login', '/login'],
  ['a unit administrator', UNIT_ADMIN, '/agents', '/agents'],
  ['a unit administrator', UNIT_ADMIN, '/review', '/home'],
  ['a unit administrator', UNIT_ADMIN, '/select-unit', '/home'],
  ['a unit administrator', UNIT_ADMIN, '/login', '/home'],
  ['a reviewer', REVIEWER, '/review', '/review'],
  ['a reviewer', REVIEWER, '/home', '/review'],
  ['a reviewer', REVIEWER, '/agents', '/review'],
  ['a reviewer', REVIEWER, '/login', '/review'],
  ['an agent of one unit', AGENT_ONE_UNIT, '/home', '/home'],
  ['an agent of one unit', AGENT_ONE_UNIT, '/agents', '/home'],
  ['an agent of one unit', AGENT_ONE_UNIT, '/review', '/home'],
  ['an agent who has not chosen a unit', AGENT_TWO_UNITS, '/home', '/select-unit?next=%2Fhome'],
  ['an agent who has not chosen a unit', AGENT_TWO_UNITS, '/login', '/select-unit'],
  ['an agent who has not chosen a unit', AGENT_TWO_UNITS, '/select-unit', '/select-unit'],
  ['an agent whose password an administrator set', MUST_CHANGE, '/home', '/change-password'],
  ['an agent whose password an administrator set', MUST_CHANGE, '/select-unit', '/change-password'],
  ['an agent whose password an administrator set', MUST_CHANGE, '/login', '/change-password'],
  ['an agent whose password an administrator set', MUST_CHANGE, '/change-password', '/change-password'],
  ['a unit administrator', UNIT_ADMIN, '/change-password', '/change-password'],
];

describe('route guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter(routes), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  for (const [who, session, url, expected] of cases) {
    it(`take ${who} asking for ${url} to ${expected}`, async () => {
      if (session) signIn(session);
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl(url);
      expect(TestBed.inject(Router).url).toBe(expected);
    });
  }
});
