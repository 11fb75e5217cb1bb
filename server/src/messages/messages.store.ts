import type { Knex } from 'knex';
import { message, type Message, type MessageContent } from '@common/api/messages';
import { chunks, INSERT_CHUNK_ROWS } from '../db/dialect';

/** A message to write: its unit, what it says, and, for one written once per occasion, that occasion's key. */
export type NewMessage = MessageContent & { unitId: number; onceKey?: string; at: string };

/** A `messages` row with whether the reading user has read it. */
interface MessageRow {
  id: number;
  kind: string;
  params: string;
  created_at: string;
  read_at: string | null;
}

interface CountRow {
  n: number | string | null;
}

/** The stored parameters are parsed through their kind's schema: a row that does not fit its kind fails loudly here. */
const toMessage = (row: MessageRow): Message =>
  message.parse({ id: row.id, kind: row.kind, params: JSON.parse(row.params) as unknown, createdAt: row.created_at, read: row.read_at !== null });

/** Messages and their read state; every read starts from the unit, so no other unit's message can appear. */
export class MessageStore {
  constructor(private readonly db: Knex) {}

  /** Writes the messages; one whose unit and once-key exist already is left out (answers how many were written). */
  async insert(messages: NewMessage[]): Promise<number> {
    let written = 0;
    for (const chunk of chunks(messages, INSERT_CHUNK_ROWS)) {
      const rows = await this.db('messages')
        .insert(
          chunk.map((m) => ({
            unit_id: m.unitId,
            kind: m.kind,
            params: JSON.stringify(m.params),
            once_key: m.onceKey ?? null,
            created_at: m.at,
          })),
        )
        .onConflict(['unit_id', 'once_key'])
        .ignore()
        .returning<{ id: number }[]>('id');
      written += rows.length;
    }
    return written;
  }

  private ofUnit(unitId: number, userId: number) {
    return this.db('messages as m')
      .leftJoin('message_reads as r', (on) => on.on('r.message_id', 'm.id').andOnVal('r.user_id', userId))
      .where('m.unit_id', unitId);
  }

  async page(unitId: number, userId: number, unreadOnly: boolean, page: number, pageSize: number): Promise<{ items: Message[]; total: number }> {
    const select = () => {
      const query = this.ofUnit(unitId, userId);
      if (unreadOnly) query.whereNull('r.read_at');
      return query;
    };
    const [count, rows] = await Promise.all([
      select().count({ n: '*' }).first<CountRow | undefined>(),
      select()
        .orderBy('m.id', 'desc')
        .limit(pageSize)
        .offset(page * pageSize)
        .select<MessageRow[]>('m.id', 'm.kind', 'm.params', 'm.created_at', 'r.read_at'),
    ]);
    return { items: rows.map(toMessage), total: Number(count?.n ?? 0) };
  }

  async unreadCount(unitId: number, userId: number): Promise<number> {
    const row = await this.ofUnit(unitId, userId).whereNull('r.read_at').count({ n: '*' }).first<CountRow | undefined>();
    return Number(row?.n ?? 0);
  }

  async exists(unitId: number, id: number): Promise<boolean> {
    return (await this.db('messages').where({ id, unit_id: unitId }).first('id')) !== undefined;
  }

  /** Marks the unit's message, or all its messages the user has not read, read by the user; reading twice changes nothing. */
  async markRead(unitId: number, userId: number, at: string, id?: number): Promise<void> {
    const unread = this.ofUnit(unitId, userId).whereNull('r.read_at');
    if (id !== undefined) unread.where('m.id', id);
    await this.db('message_reads')
      .insert(unread.select('m.id as message_id', this.db.raw('CAST(? AS integer) as user_id', [userId]), this.db.raw('? as read_at', [at])))
      .onConflict(['user_id', 'message_id'])
      .ignore();
  }
}
