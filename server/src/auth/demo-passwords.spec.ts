import { createTestHall, type TestHall } from '../../test/harness';
import { loadConfig } from '../config';
import { hashPassword } from './password';
import { refuseDemoPasswordsInProduction } from './demo-passwords';

/** Production refuses the published development secret of the payment channel: a start there names one of its own. */
const PRODUCTION_SECRET = 'a-secret-of-this-deployment-only';

describe('the published demo passwords in production', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  it('refuses to start in production while a demo account keeps its published password, saying how to go on', async () => {
    const refusal = refuseDemoPasswordsInProduction(hall.db.knex, 'production');
    await expectAsync(refusal).toBeRejectedWithError(/13800000001[\s\S]*NODE_ENV=production/);
  });

  it('starts in development and test with the demo passwords', async () => {
    await expectAsync(refuseDemoPasswordsInProduction(hall.db.knex, 'development')).toBeResolved();
    await expectAsync(refuseDemoPasswordsInProduction(hall.db.knex, 'test')).toBeResolved();
  });

  it('starts in production once every demo account has a password of its own', async () => {
    await hall.db.knex('users').update({ password_hash: await hashPassword('Own-secret-2026') });
    await expectAsync(refuseDemoPasswordsInProduction(hall.db.knex, 'production')).toBeResolved();
  });

  it('refuses to start in production on the published payment channel secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/PAYMENT_NOTIFY_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', PAYMENT_NOTIFY_SECRET: PRODUCTION_SECRET }).payment.notifySecret).toBe(PRODUCTION_SECRET);
  });

  it('does not seed the demo data in production, and refuses being asked to', () => {
    expect(loadConfig({}).seedDemo).toBeTrue();
    expect(loadConfig({ NODE_ENV: 'production', PAYMENT_NOTIFY_SECRET: PRODUCTION_SECRET }).seedDemo).toBeFalse();
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_NOTIFY_SECRET: PRODUCTION_SECRET, SEED_DEMO: 'true' })).toThrowError(/SEED_DEMO/);
  });

  it('trusts X-Forwarded-For only from the proxies configured', () => {
    expect(loadConfig({}).trustProxy).toBeFalse();
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'x;y' })).toThrowError(/TRUST_PROXY/);
  });
});
