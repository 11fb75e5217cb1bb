import type { Knex } from 'knex';
import type { AuditEntry as AuditEntryView, AuditFilterValues } from '@common/api/audit';
import type { SubmissionKind } from '@common/api/submissions';
import { displayPeriod, isFeePeriod, shanghaiDayStart } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import { unitsChanged } from '../cache/unit-data-version';
import { escapeLike, EXPORT_PAGE_ROWS, INSERT_CHUNK_ROWS, PAGE_SIZE_LITERAL, pageTotal } from '../db/dialect';

export interface AuditEntry {
  at: string;
  userId: number | null;
  unitId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

const toRow = (entry: AuditEntry) => ({
  at: entry.at,
  user_id: entry.userId,
  unit_id: entry.unitId,
  action: entry.action,
  entity_type: entry.entityType,
  entity_id: entry.entityId == null ? null : String(entry.entityId),
  before: entry.before === undefined ? null : JSON.stringify(entry.before),
  after: entry.after === undefined ? null : JSON.stringify(entry.after),
  request_id: entry.requestId ?? null,
});

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** An audit_log row joined with the name and role of its user. */
interface AuditTrailRow {
  id: number;
  at: string;
  user_id: number | null;
  user_name: string | null;
  user_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

/**
 * Names the trail wrote before every reviewed submission was called a submission (#11): the log is
 * append-only, so its old rows keep them, and they are read as today's names.
 */
const RENAMED_ACTIONS: Readonly<Record<string, string>> = {
  declaration_submitted: 'submission_submitted',
  declaration_withdrawn: 'submission_withdrawn',
  declaration_approved: 'submission_approved',
  declaration_rejected: 'submission_rejected',
};
const RENAMED_ENTITY_TYPES: Readonly<Record<string, string>> = { declaration: 'submission' };
const actionNow = (action: string) => RENAMED_ACTIONS[action] ?? action;
const entityTypeNow = (type: string) => RENAMED_ENTITY_TYPES[type] ?? type;
/** An action as filtered: rows written under its earlier name too. */
const actionNames = (action: string) => [action, ...Object.keys(RENAMED_ACTIONS).filter((old) => RENAMED_ACTIONS[old] === action)];

/** Entities as users know them, by `entity_type:entity_id`: a name, and a submission's kind. */
type EntityNames = Map<string, { name: string | null; kind: SubmissionKind | null }>;

type NamedEntity = 'insured_person' | 'submission' | 'agent' | 'user';

const personName = (name: string, idNumber: string | null) => (idNumber ? `${name}（${maskIdNumber(idNumber)}）` : name);

const toEntry =
  (names: EntityNames) =>
  (row: AuditTrailRow): AuditEntryView => ({
    id: row.id,
    at: row.at,
    user: row.user_id === null ? null : { id: row.user_id, name: row.user_name!, role: row.user_role! },
    action: actionNow(row.action),
    entityType: entityTypeNow(row.entity_type),
    entityId: row.entity_id,
    entityName: names.get(`${entityTypeNow(row.entity_type)}:${row.entity_id}`)?.name ?? null,
    entityKind: names.get(`${entityTypeNow(row.entity_type)}:${row.entity_id}`)?.kind ?? null,
    before: parsed(row.before),
    after: parsed(row.after),
  });

/** The audit trail of one unit, newest first; every query starts from the unit, so no other unit's row can appear. */
export class AuditTrailStore {
  constructor(private readonly db: Knex) {}

  /**
   * Appends to the audit log; the table refuses updates and deletes (see db/dialect.ts). Whatever is
   * audited for a unit has changed it, so its data version moves in the same transaction.
   */
  async append(entry: AuditEntry): Promise<void> {
    await this.db('audit_log').insert(toRow(entry));
    await unitsChanged(this.db, [entry.unitId]);
  }

  /** One entry per thing a use case changed, in chunked inserts (a batch approval touches thousands). */
  async appendAll(entries: AuditEntry[]): Promise<void> {
    await this.db.batchInsert('audit_log', entries.map(toRow), INSERT_CHUNK_ROWS);
    await unitsChanged(
      this.db,
      entries.map((e) => e.unitId),
    );
  }

  /** The unit's entries the filters match, with their users (joined only for a search, when `keysOnly`). */
  private rows(unitId: number, f: AuditFilterValues, keysOnly = false) {
    const query = this.db('audit_log as a').where('a.unit_id', unitId);
    if (!keysOnly || f.q) query.leftJoin('users as u', 'u.id', 'a.user_id');
    if (f.user) query.where('a.user_id', f.user);
    if (f.type) query.whereIn('a.action', actionNames(f.type));
    if (f.from) query.where('a.at', '>=', shanghaiDayStart(f.from).toISOString());
    if (f.to) query.where('a.at', '<', shanghaiDayStart(f.to, 1).toISOString());
    if (f.q) {
      // Lower-cased on both engines: SQLite's like ignores ASCII case, PostgreSQL's does not.
      const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
      query.where((w) => {
        for (const column of ['a.entity_id', 'a.before', 'a.after', 'u.name']) w.orWhereRaw("lower(??) like ? escape '\\'", [column, pattern]);
      });
    }
    return query;
  }

  /** Newest first: time, then id, both descending (the order of the index on unit, time and id). */
  private static newestFirst(query: Knex.QueryBuilder) {
    return query.orderBy([
      { column: 'a.at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ]);
  }

  private select(query: Knex.QueryBuilder) {
    return AuditTrailStore.newestFirst(query).select<AuditTrailRow[]>(
      'a.id',
      'a.at',
      'a.user_id',
      'u.name as user_name',
      'u.role as user_role',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.before',
      'a.after',
    );
  }

  async page(unitId: number, f: AuditFilterValues, page: number, pageSize: number) {
    // The page's ids first, walking the unit's index in order (a deep page skips index entries); the
    // users are joined to those rows only. The filters' total comes beside each row: one statement.
    const pageIds = AuditTrailStore.newestFirst(this.rows(unitId, f, true))
      .limit(pageSize, PAGE_SIZE_LITERAL)
      .offset(page * pageSize)
      .select('a.id');
    const rows = await this.select(this.rows(unitId, {}).whereIn('a.id', pageIds)).select<(AuditTrailRow & { total: number | string })[]>(
      this.rows(unitId, f, true).count('*').as('total'),
    );
    return { items: rows.map(toEntry(await this.namesOf(rows))), total: await pageTotal(rows, page, () => this.count(unitId, f)) };
  }

  /**
   * A person by name and masked ID number, a submission by its kind (its number is its id) and its person's,
   * an agent or user by name (one statement for the whole page, each kind of entity by primary key), and a fee
   * period as its month.
   */
  private async namesOf(rows: AuditTrailRow[]): Promise<EntityNames> {
    const ids = (type: NamedEntity) => [
      ...new Set(rows.filter((r) => entityTypeNow(r.entity_type) === type && /^\d{1,9}$/.test(r.entity_id ?? '')).map((r) => Number(r.entity_id))),
    ];
    const personIds = ids('insured_person');
    const submissionIds = ids('submission');
    const userIds = [...new Set([...ids('agent'), ...ids('user')])];
    // Each kind's rows in the same columns: entity, id, name, ID number, submission kind.
    const lookups = [
      personIds.length > 0 &&
        this.db('insured_persons').whereIn('id', personIds).select(this.db.raw("'insured_person' as entity, id, name, id_number, null as type")),
      submissionIds.length > 0 &&
        this.db('declarations').whereIn('id', submissionIds).select(this.db.raw("'submission' as entity, id, person_name as name, id_number, type")),
      userIds.length > 0 &&
        this.db('users').whereIn('id', userIds).select(this.db.raw("'user' as entity, id, name, null as id_number, null as type")),
    ].filter((lookup) => lookup !== false);
    // Unwrapped: SQLite takes no parentheses around the members of a union.
    const found = (lookups.length === 0 ? [] : await lookups[0].unionAll(lookups.slice(1))) as {
      entity: 'insured_person' | 'submission' | 'user';
      id: number;
      name: string | null;
      id_number: string | null;
      type: SubmissionKind | null;
    }[];
    const names: EntityNames = new Map();
    const named = (name: string) => ({ name, kind: null });
    for (const e of found) {
      if (e.entity === 'insured_person') names.set(`insured_person:${e.id}`, named(personName(e.name ?? '', e.id_number)));
      if (e.entity === 'submission') names.set(`submission:${e.id}`, { name: e.name && personName(e.name, e.id_number), kind: e.type });
      if (e.entity === 'user') {
        names.set(`agent:${e.id}`, named(e.name ?? ''));
        names.set(`user:${e.id}`, named(e.name ?? ''));
      }
    }
    // A fee period needs no query: its code is its month.
    for (const r of rows)
      if (r.entity_type === 'fee_period' && r.entity_id && isFeePeriod(r.entity_id))
        names.set(`fee_period:${r.entity_id}`, named(displayPeriod(r.entity_id)));
    return names;
  }

  count(unitId: number, f: AuditFilterValues): Promise<number> {
    return this.rows(unitId, f, true)
      .count({ n: '*' })
      .first()
      .then((row) => Number(row?.n ?? 0));
  }

  /** The name of a user of the unit (its administrator or an agent bound to it); another unit's user has none here. */
  async userNameInUnit(unitId: number, userId: number): Promise<string | undefined> {
    const row = await this.db('users as u')
      .where('u.id', userId)
      .andWhere((w) =>
        w.where('u.unit_id', unitId).orWhereExists(this.db('agent_units as b').whereRaw('b.agent_id = u.id').andWhere('b.unit_id', unitId)),
      )
      .first<{ name: string } | undefined>('u.name');
    return row?.name;
  }

  /** Keyset pages in the list's order (time, then id, both descending), so memory stays flat in the row count. */
  async *keysetPages(unitId: number, f: AuditFilterValues, size = EXPORT_PAGE_ROWS): AsyncGenerator<AuditEntryView[]> {
    let last: { at: string; id: number } | null = null;
    for (;;) {
      const query = this.rows(unitId, f);
      if (last) {
        const { at, id } = last;
        query.where((w) => w.where('a.at', '<', at).orWhere((same) => same.where('a.at', at).andWhere('a.id', '<', id)));
      }
      const rows = await this.select(query).limit(size);
      if (rows.length === 0) return;
      last = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
      yield rows.map(toEntry(await this.namesOf(rows)));
      if (rows.length < size) return;
    }
  }
}
