import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { PersonLoginRequest, Role, SessionInfo } from '@common/api/auth';
import type { Clock } from '../clock';
import { passwordProblem } from '@common/validators/password';
import { AppError, forbidden, invalidFields, notFound, unauthenticated } from '../http/errors';
import type { Actor } from '../http/route';
import { SESSION_ABSOLUTE_MS, type ResolvedSession, type SessionResolver } from '../http/session';
import { AuditService } from '../audit/audit.service';
import type { Dialect } from '../db/dialect';
import { AuthStore, type SessionRecord } from './auth.store';
import { LoginThrottle } from './login-throttle';
import { SignInCaptcha } from './sign-in-captcha';
import { CaptchaService, type CaptchaOptions } from '../captcha/captcha.service';
import { hashPassword, unknownLoginHash, verifyPassword } from './password';
import { SESSION_REUSE_MS, type SessionCache } from './session-cache';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not each become a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface LoginResult {
  token: string;
  csrfToken: string;
  info: SessionInfo;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();

/** What a sign-in does on a wrong password besides the throttle's count, and what it answers. */
interface FailureHooks {
  failed?: () => Promise<void>;
  wrong?: () => Error;
}

export class AuthService implements SessionResolver {
  private readonly store: AuthStore;
  private readonly throttle: LoginThrottle;
  private readonly audit: AuditService;
  private readonly signInCaptcha: SignInCaptcha;
  private readonly captchas: CaptchaService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly options: CaptchaOptions & {
      /** Sessions this instance resolved, reused by reads (session-cache.ts); none: every request asks the database. */
      sessions?: SessionCache;
    } = {},
  ) {
    this.store = new AuthStore(db);
    this.throttle = new LoginThrottle(db, dialect);
    this.audit = new AuditService(db);
    this.signInCaptcha = new SignInCaptcha(db, dialect);
    this.captchas = new CaptchaService(db, clock, options);
  }

  private on(trx: Knex.Transaction): AuthService {
    return new AuthService(trx, this.clock, this.dialect, this.options);
  }

  /**
   * A person signs in with their ID number: after failures (SignInCaptcha) the attempt must carry a
   * one-time CAPTCHA, used up and checked before the password is; the answer to the failure that makes
   * one necessary says CAPTCHA_REQUIRED.
   */
  async loginPerson(input: PersonLoginRequest, address: string, requestId: string): Promise<LoginResult> {
    if (await this.signInCaptcha.required(input.idNumber, address)) {
      if (!input.captchaToken || !input.captchaAnswer) throw new AppError(401, 'CAPTCHA_REQUIRED');
      await this.captchas.answer(input.captchaToken, input.captchaAnswer);
    }
    let captchaNext = false;
    const result = await this.login('person', input.idNumber, input.password, address, requestId, {
      failed: async () => {
        captchaNext = await this.signInCaptcha.failed(input.idNumber, address);
      },
      wrong: () => new AppError(401, captchaNext ? 'CAPTCHA_REQUIRED' : 'LOGIN_FAILED'),
    });
    await this.signInCaptcha.succeeded(input.idNumber);
    return result;
  }

  /** `address`: where the attempt comes from (Express's req.ip), for the throttle. */
  async login(role: Role, login: string, password: string, address: string, requestId: string, failure: FailureHooks = {}): Promise<LoginResult> {
    const user = await this.throttle.check(
      role,
      login,
      address,
      async () => {
        const found = await this.store.findUser(role, login);
        // An unknown login costs as long as a wrong password.
        const passwordOk = await verifyPassword(password, found?.passwordHash ?? (await unknownLoginHash()));
        if (found && passwordOk) return found;
        await failure.failed?.();
        return null;
      },
      failure.wrong ?? (() => new AppError(401, 'LOGIN_FAILED')),
    );
    const now = this.clock.now().getTime();
    if (user.disabled) throw new AppError(403, 'ACCOUNT_DISABLED');

    let unitId: number | null = null;
    if (role === 'unit_admin') unitId = user.unitId;
    if (role === 'agent') {
      const units = await this.store.activeUnitsOfAgent(user.id);
      // An agent with no unit may still sign in to answer an invitation.
      if (units.length === 0 && (await this.store.countInvitations(user.id)) === 0) throw new AppError(403, 'ACCOUNT_DISABLED');
      if (units.length === 1) unitId = units[0].id;
    }

    const token = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      id: sessionIdOf(token),
      userId: user.id,
      unitId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + SESSION_ABSOLUTE_MS),
    };
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      await store.insertSession(session);
      await audit.record({
        at: iso(now),
        userId: user.id,
        unitId,
        action: 'login',
        entityType: 'session',
        requestId,
      });
    });
    const actor: Actor = {
      sessionId: session.id,
      userId: user.id,
      role,
      name: user.name,
      login: user.login,
      unitId,
      personId: user.personId,
      mustChangePassword: user.mustChangePassword,
    };
    return { token, csrfToken: session.csrfToken, info: await this.sessionInfo(actor) };
  }

  /**
   * The session behind a cookie, checked on every request: expired sessions, disabled users and
   * agents whose binding to the unit was disabled are signed out at once.
   */
  async resolveSession(token: string, reuse: boolean): Promise<ResolvedSession | null> {
    const id = sessionIdOf(token);
    const now = this.clock.now().getTime();
    const sessions = reuse ? this.options.sessions : undefined;
    const reused = sessions?.reuse(id, now);
    if (reused) return reused;
    const ticket = sessions?.ticket() ?? 0;
    const found = await this.store.findSessionWithUser(id);
    if (!found) return null;
    const { session, user } = found;
    if (Date.parse(session.expiresAt) <= now || Date.parse(session.lastSeenAt) + SESSION_IDLE_MS <= now) {
      await this.store.deleteSession(session.id);
      throw unauthenticated('SESSION_EXPIRED');
    }
    const bindingLost = user?.role === 'agent' && session.unitId !== null && !(await this.store.agentBindingActive(user.id, session.unitId));
    if (!user || user.disabled || bindingLost) {
      await this.store.deleteSession(session.id);
      throw unauthenticated('ACCOUNT_DISABLED');
    }
    let lastSeen = Date.parse(session.lastSeenAt);
    if (lastSeen + TOUCH_INTERVAL_MS <= now) {
      await this.store.touchSession(session.id, iso(now));
      lastSeen = now;
    }
    const resolved: ResolvedSession = {
      actor: {
        sessionId: session.id,
        userId: user.id,
        role: user.role,
        name: user.name,
        login: user.login,
        unitId: session.unitId,
        personId: user.personId,
        mustChangePassword: user.mustChangePassword,
      },
      csrfToken: session.csrfToken,
    };
    // Reused until its next touch is due at the latest, so that the idle limit is counted as without reuse.
    const until = Math.min(Date.parse(session.expiresAt), lastSeen + TOUCH_INTERVAL_MS, now + SESSION_REUSE_MS);
    sessions?.keep(id, user.id, resolved, until, ticket);
    return resolved;
  }

  /** A state-changing request has been answered: what it changed of sessions is no longer reused here. */
  writeEnded(): void {
    this.options.sessions?.written();
  }

  async sessionInfo(actor: Actor): Promise<SessionInfo> {
    const unit = actor.unitId === null ? null : await this.store.unitSummary(actor.unitId);
    const units = actor.role === 'agent' ? await this.store.activeUnitsOfAgent(actor.userId) : unit ? [unit] : [];
    const user = { id: actor.userId, role: actor.role, name: actor.name, login: actor.login, mustChangePassword: actor.mustChangePassword };
    const pendingInvitations = actor.role === 'agent' ? await this.store.countInvitations(actor.userId) : 0;
    return { user, unit, units, pendingInvitations };
  }

  /**
   * The user's own new password, the current one required; it must not contain their login. The other
   * sessions of the user end, this one goes on (no longer bound to change the password).
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, address: string, requestId: string): Promise<void> {
    const user = await this.store.findUserById(actor.userId);
    if (!user) throw unauthenticated();
    // Checking the current password is a sign-in of sorts: throttled alike, so a stolen session cannot guess it.
    await this.throttle.check(
      actor.role,
      user.login,
      address,
      async () => (await verifyPassword(currentPassword, user.passwordHash)) || null,
      () => invalidFields([{ field: 'currentPassword', code: 'PASSWORD_WRONG' }]),
    );
    const problem = passwordProblem(newPassword, [user.login]);
    if (problem) throw invalidFields([{ field: 'newPassword', code: problem }]);
    const passwordHash = await hashPassword(newPassword);
    const at = this.clock.now().toISOString();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const sessionsEnded = await store.setOwnPassword(user.id, passwordHash, actor.sessionId, at);
      await audit.record({
        at,
        userId: user.id,
        unitId: actor.unitId,
        action: 'password_changed',
        entityType: 'user',
        entityId: user.id,
        after: { sessionsEnded },
        requestId,
      });
    });
  }

  /** An agent bound to several units chooses the one this session acts for. */
  async selectUnit(actor: Actor, unitId: number, requestId: string): Promise<SessionInfo> {
    if (actor.role !== 'agent') throw forbidden();
    const units = await this.store.activeUnitsOfAgent(actor.userId);
    if (!units.some((u) => u.id === unitId)) throw notFound();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      await store.setSessionUnit(actor.sessionId, unitId);
      await audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId,
        action: 'select_unit',
        entityType: 'session',
        requestId,
      });
    });
    return this.sessionInfo({ ...actor, unitId });
  }

  async logout(actor: Actor, requestId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      await store.deleteSession(actor.sessionId);
      await audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId: actor.unitId,
        action: 'logout',
        entityType: 'session',
        requestId,
      });
    });
  }

  /** Ended sessions, and sign-in counters past their expiry (counted in wall-clock time, as the throttle does). */
  async purgeExpired(): Promise<{ sessions: number; limits: number }> {
    const now = this.clock.now().getTime();
    const sessions = await this.store.deleteExpiredSessions(iso(now), iso(now - SESSION_IDLE_MS));
    const limits = await this.store.deleteExpiredLimits(Date.now());
    return { sessions, limits };
  }
}
