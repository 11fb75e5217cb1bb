/**
 * The demo passwords are printed in the README: a hall started in production must not accept them.
 * Checked at start against the demo accounts (the only ones that can hold them: the rules refuse
 * setting them, see common/validators/common-passwords.ts).
 */
import type { Knex } from 'knex';
import type { Role } from '@common/api/auth';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../db/seeds/demo';
import { AuthStore } from './auth.store';
import { StartupError } from '../config';
import { verifyPassword } from './password';

const DEMO_ACCOUNTS: { role: Role; login: string; password: string }[] = [
  ...DEMO_UNITS.map((u) => ({ role: 'unit_admin' as const, login: u.creditCode, password: DEMO_PASSWORDS.unitAdmin })),
  ...[...new Set(DEMO_UNITS.flatMap((u) => u.agents.map((a) => a.mobile)))].map((mobile) => ({
    role: 'agent' as const,
    login: mobile,
    password: DEMO_PASSWORDS.agent,
  })),
  { role: 'reviewer', login: DEMO_REVIEWER.username, password: DEMO_PASSWORDS.reviewer },
];

/** The logins of accounts that still sign in with a published demo password. */
export async function accountsWithDemoPasswords(knex: Knex): Promise<string[]> {
  const store = new AuthStore(knex);
  const found: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await store.findUser(account.role, account.login);
    if (user && !user.disabled && (await verifyPassword(account.password, user.passwordHash))) found.push(account.login);
  }
  return found;
}

export async function refuseDemoPasswordsInProduction(knex: Knex, env: 'development' | 'production' | 'test'): Promise<void> {
  if (env !== 'production') return;
  const published = await accountsWithDemoPasswords(knex);
  if (published.length === 0) return;
  throw new StartupError(
    `refusing to start with NODE_ENV=production: these accounts still have the demo passwords published in the README: ${published.join(', ')}. ` +
      'Either start on a database of your own (SEED_DEMO is off in production), or start once without NODE_ENV=production, ' +
      'sign in as each of these accounts and change its password (or disable it), then start in production again.',
  );
}
