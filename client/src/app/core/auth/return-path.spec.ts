import type { SessionInfo } from '@common/api/auth';
import { AGENT_ONE_UNIT, AGENT_TWO_UNITS, REVIEWER, UNIT_ADMIN } from '../../../testing/sessions';
import { returnPath, signedInPath } from './return-path';

describe('the way back after signing in', () => {
  it('follows the hall’s own pages with their query', () => {
    expect(returnPath('/insured?q=%E7%8E%8B&status=active&page=2')).toBe('/insured?q=%E7%8E%8B&status=active&page=2');
    expect(returnPath('/submissions/audited#top')).toBe('/submissions/audited#top');
  });

  for (const [what, value] of [
    ['another site', 'https://evil.example/insured'],
    ['a protocol-relative address', '//evil.example/insured'],
    ['a backslashed address browsers read as another site', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'insured'],
    ['a control character', '/insured\n//evil.example'],
    ['the login page', '/login?next=%2Finsured'],
    ['the unit picker', '/select-unit'],
    ['the root, which is home anyway', '/'],
    ['something not text', ['/insured']],
  ] as const) {
    it(`refuses ${what}`, () => expect(returnPath(value)).toBeNull());
  }

  const cases: [string, SessionInfo, unknown, string][] = [
    ['a unit administrator goes back', UNIT_ADMIN, '/insured?page=2', '/insured?page=2'],
    ['a reviewer goes back', REVIEWER, '/review?status=approved', '/review?status=approved'],
    ['an agent with a unit goes back', AGENT_ONE_UNIT, '/insured', '/insured'],
    ['an agent without a unit picks one first, carrying the way', AGENT_TWO_UNITS, '/insured?page=2', '/select-unit?next=%2Finsured%3Fpage%3D2'],
    [
      'someone who must change their password does that first',
      { ...UNIT_ADMIN, user: { ...UNIT_ADMIN.user, mustChangePassword: true } },
      '/insured',
      '/change-password',
    ],
    ['a refused way back leads home', UNIT_ADMIN, '//evil.example', '/home'],
    ['no way back leads home', UNIT_ADMIN, undefined, '/home'],
  ];
  for (const [what, session, next, expected] of cases) {
    it(`after signing in: ${what}`, () => expect(signedInPath(session, next)).toBe(expected));
  }
});
