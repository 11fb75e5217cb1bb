/**
 * Sessions an instance has resolved, reused by its reads for a few seconds. Resolving a session is a round trip to
 * the database on every request, and at city scale that round trip cost as much CPU as the list page itself.
 *
 * Reuse is safe only while the instance hears of every change that decides a session (`Database.sessionChanges`):
 * on PostgreSQL, migration 026's triggers name the user, whose sessions are forgotten; everything is forgotten when
 * that feed stops, and nothing is reused while it is down. A state-changing request forgets everything its
 * process kept once answered, so that its own writes never wait on a notification's trip
 * (`SessionResolver.writeEnded`); on SQLite, which one process alone serves, that is how every change is heard.
 */
import type { ChangeFeed } from '../db/notifications';
import type { ResolvedSession } from '../http/session';

/** The longest a resolved session is reused; also bounded by its expiry and its next touch. */
export const SESSION_REUSE_MS = 5000;
/** Sessions kept at most; the oldest go first. */
const MAX_SESSIONS = 20_000;

interface Kept {
  resolved: ResolvedSession;
  userId: number;
  /** Epoch ms after which the database must be asked again. */
  until: number;
}

export class SessionCache {
  private readonly kept = new Map<string, Kept>();
  private readonly sessionsOfUser = new Map<number, Set<string>>();
  /** Moves on whenever something is forgotten: a lookup that began before must not keep what it read. */
  private generation = 0;

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe({
      message: (payload) => (/^\d+$/.test(payload) ? this.forgetUser(Number(payload)) : this.forgetAll()),
      lost: () => this.forgetAll(),
    });
  }

  /** The session, if kept and not past its `until`; null when it must be resolved from the database. */
  reuse(sessionId: string, now: number): ResolvedSession | null {
    if (!this.feed.live) return null;
    const kept = this.kept.get(sessionId);
    if (!kept) return null;
    if (now < kept.until) return kept.resolved;
    this.drop(sessionId, kept.userId);
    return null;
  }

  /** Taken before a lookup reads the database; `keep` ignores what the lookup read if anything was forgotten since. */
  ticket(): number {
    return this.generation;
  }

  keep(sessionId: string, userId: number, resolved: ResolvedSession, until: number, ticket: number): void {
    if (ticket !== this.generation || !this.feed.live) return;
    if (this.kept.size >= MAX_SESSIONS && !this.kept.has(sessionId)) {
      const [oldestId, oldest] = this.kept.entries().next().value!;
      this.drop(oldestId, oldest.userId);
    }
    this.kept.set(sessionId, { resolved, userId, until });
    let sessions = this.sessionsOfUser.get(userId);
    if (!sessions) this.sessionsOfUser.set(userId, (sessions = new Set()));
    sessions.add(sessionId);
  }

  forgetUser(userId: number): void {
    this.generation++;
    for (const sessionId of this.sessionsOfUser.get(userId) ?? []) this.kept.delete(sessionId);
    this.sessionsOfUser.delete(userId);
  }

  /** A state-changing request of this process has been answered: every cache in the process forgets. */
  written(): void {
    this.feed.written();
  }

  forgetAll(): void {
    this.generation++;
    this.kept.clear();
    this.sessionsOfUser.clear();
  }

  /** How many sessions are kept, for /metrics and the specs. */
  get size(): number {
    return this.kept.size;
  }

  private drop(sessionId: string, userId: number): void {
    this.kept.delete(sessionId);
    const sessions = this.sessionsOfUser.get(userId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.sessionsOfUser.delete(userId);
  }
}
