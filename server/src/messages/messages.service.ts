import type { Knex } from 'knex';
import type { z } from 'zod';
import type { MessagePage, messageQuery, UnreadCount } from '@common/api/messages';
import { cutoffReminder } from '@common/month-rules';
import { BaseDeclarationService } from '../base-declarations/base-declarations.service';
import type { Clock } from '../clock';
import { DeclarationService } from '../declarations/declarations.service';
import { notFound } from '../http/errors';
import { MessageStore, type NewMessage } from './messages.store';

export type { NewMessage };

/**
 * Messages to a unit's users. A feature writes them with `write` on the transaction of the use case that
 * causes them (a review decision), so a message commits with its cause or not at all, once on any number of
 * instances. Deadline reminders are written when the unit's messages are read, once per unit and occasion.
 */
export class MessageService {
  private readonly store: MessageStore;
  private readonly declarations: DeclarationService;
  private readonly baseDeclarations: BaseDeclarationService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new MessageStore(db);
    this.declarations = new DeclarationService(db, clock);
    this.baseDeclarations = new BaseDeclarationService(db, clock);
  }

  on(trx: Knex.Transaction): MessageService {
    return new MessageService(trx, this.clock);
  }

  /** Build the service on the cause's transaction. */
  async write(messages: NewMessage[]): Promise<void> {
    await this.store.insert(messages);
  }

  async list(unitId: number, userId: number, query: z.output<typeof messageQuery>): Promise<MessagePage> {
    await this.remindDeadlines(unitId);
    const [{ items, total }, unread] = await Promise.all([
      this.store.page(unitId, userId, query.unread, query.page, query.pageSize),
      this.store.unreadCount(unitId, userId),
    ]);
    return { items, total, page: query.page, pageSize: query.pageSize, unread };
  }

  async unread(unitId: number, userId: number): Promise<UnreadCount> {
    await this.remindDeadlines(unitId);
    return { unread: await this.store.unreadCount(unitId, userId) };
  }

  /** Another unit's message is not found. */
  async markRead(unitId: number, userId: number, id: number): Promise<UnreadCount> {
    if (!(await this.store.exists(unitId, id))) throw notFound();
    await this.store.markRead(unitId, userId, this.clock.now().toISOString(), id);
    return { unread: await this.store.unreadCount(unitId, userId) };
  }

  async markAllRead(unitId: number, userId: number): Promise<UnreadCount> {
    await this.store.markRead(unitId, userId, this.clock.now().toISOString());
    return { unread: await this.store.unreadCount(unitId, userId) };
  }

  /**
   * The coming cut-off day, once per unit and period, and the open base declaration window, once per unit
   * and contribution year. Written when the unit's users look, as the monthly assessment is
   * (AssessmentService.ensureCurrentAssessed): no timer to run on exactly one instance, and a unit nobody
   * looks at gets no reminder nobody reads. The unique once-key makes concurrent looks write one.
   */
  private async remindDeadlines(unitId: number): Promise<void> {
    const now = this.clock.now();
    const at = now.toISOString();
    const [cutoff, window] = await Promise.all([
      this.declarations.cutoffDay().then((day) => cutoffReminder(now, day)),
      this.baseDeclarations.openWindow(),
    ]);
    const reminders: NewMessage[] = [];
    if (cutoff) {
      reminders.push({
        unitId,
        kind: 'deadline',
        params: { deadline: 'cutoff', date: cutoff.date, period: cutoff.period },
        onceKey: `deadline:cutoff:${cutoff.period}`,
        at,
      });
    }
    if (window) {
      reminders.push({
        unitId,
        kind: 'deadline',
        params: { deadline: 'base-declaration', date: window.closesOn, period: window.firstMonth },
        onceKey: `deadline:base-declaration:${window.firstMonth}`,
        at,
      });
    }
    if (reminders.length) await this.store.insert(reminders);
  }
}
