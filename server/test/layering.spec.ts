/**
 * All SQL lives in stores: outside `*.store.ts`, `server/src/db/` (knex, dialect, migrations, seeds) and
 * the specs, no file imports knex's runtime or builds a query. Services may hold a knex handle (type
 * only) to open transactions and to build their stores on it; routes hold no knex handle at all. A
 * feature uses another feature's store only for its types: it works through that feature's service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = 'server/src';

/** Files still querying outside a store, each with why; an entry that no longer queries fails the last test. */
const ALLOWED: Record<string, string> = {};

const USES = [
  { what: 'imports knex', pattern: /^\s*import\s+(?!type\b)[^;]*?\bfrom\s*['"]knex['"]|\b(?:require|import)\(\s*['"]knex['"]\s*\)/m },
  { what: 'builds a query', pattern: /\b(?:db|trx|knex)(?:<[^>()]*>)?\(/ },
  { what: 'builds a query', pattern: /\b(?:db|trx|knex)\.(?:raw|batchInsert|schema|queryBuilder|table)\b/ },
];

/** Comments may name a query; only code counts. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** What a file's code does with knex, line by line: `line: what`. */
function knexUses(text: string): string[] {
  const found: string[] = [];
  withoutComments(text)
    .split('\n')
    .forEach((line, i) => {
      for (const use of USES) if (use.pattern.test(line)) found.push(`${i + 1}: ${use.what}`);
    });
  return found;
}

const mayQuery = (file: string) => file.endsWith('.store.ts') || file.endsWith('.spec.ts') || file.startsWith(`${SOURCE}/db/`);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

function usesOutsideStores(): Record<string, string[]> {
  const uses: Record<string, string[]> = {};
  for (const file of sourceFiles(SOURCE).filter((f) => !mayQuery(f))) {
    const found = knexUses(readFileSync(path.join(ROOT, file), 'utf8'));
    if (found.length > 0) uses[file] = found;
  }
  return uses;
}

describe('layering: SQL only in stores', () => {
  it('finds knex imported or queried outside stores, db/ and specs', () => {
    const outside = usesOutsideStores();
    for (const file of Object.keys(ALLOWED)) delete outside[file];
    expect(outside).toEqual({});
  });

  it('gives routes no knex handle: they call their services', () => {
    const routes = sourceFiles(SOURCE).filter((file) => file.endsWith('.routes.ts'));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((file) => /\bfrom\s*['"]knex['"]/.test(readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('recognises each way of using knex, and not a type import, a transaction or a comment', () => {
    expect(knexUses("import knex from 'knex';")).toEqual(['1: imports knex']);
    expect(knexUses("import { knex } from 'knex';")).toEqual(['1: imports knex']);
    expect(knexUses("const k = require('knex');")).toEqual(['1: imports knex']);
    expect(knexUses("await this.db('units').first();")).toEqual(['1: builds a query']);
    expect(knexUses("\nawait trx('payment_details').delete();")).toEqual(['2: builds a query']);
    expect(knexUses("await db.knex('units').count();")).toEqual(['1: builds a query']);
    expect(knexUses("this.db<UnitRow>('units')")).toEqual(['1: builds a query']);
    expect(knexUses("await trx.batchInsert('audit_log', rows);")).toEqual(['1: builds a query']);
    expect(knexUses('db.raw(`sum(x)`)')).toEqual(['1: builds a query']);

    expect(knexUses("import type { Knex } from 'knex';")).toEqual([]);
    expect(knexUses('return this.db.transaction(async (trx) => new UnitStore(trx).lock(id));')).toEqual([]);
    expect(knexUses("// db('units') is read by the store\n/* trx('x') */")).toEqual([]);
    expect(knexUses("const url = 'postgres://user@host:port/db (postgresql:// too)';")).toEqual([]);
  });

  it('allows only files that still query outside a store', () => {
    const outside = usesOutsideStores();
    expect(Object.keys(ALLOWED).filter((file) => !outside[file])).toEqual([]);
  });
});

/** Modules below the features that read a feature's store themselves, each with why. */
const STORE_USERS_BELOW_FEATURES: Record<string, string> = {
  'server/src/cache/unit-data-version.ts': "every feature's writes move the units' data versions through it, below any service",
};

/** The other features' stores a file imports for more than their types: `../feature/file.store`. */
function otherStoresUsed(file: string, text: string): string[] {
  const folder = file.split('/')[2];
  const found: string[] = [];
  for (const [, names, feature, store] of withoutComments(text).matchAll(
    /^\s*import\s+(?!type\b)([^;]*?)\bfrom\s*['"]\.\.\/([\w-]+)\/([\w.-]+\.store)['"]/gm,
  )) {
    const values = names
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '));
    if (feature !== folder && values.length > 0) found.push(`${feature}/${store}`);
  }
  return found;
}

describe('layering: features work through services', () => {
  it("finds no feature using another feature's store", () => {
    const used: Record<string, string[]> = {};
    for (const file of sourceFiles(SOURCE).filter((f) => !f.endsWith('.spec.ts') && !STORE_USERS_BELOW_FEATURES[f])) {
      const stores = otherStoresUsed(file, readFileSync(path.join(ROOT, file), 'utf8'));
      if (stores.length > 0) used[file] = stores;
    }
    expect(used).toEqual({});
  });

  it("recognises a value import of another feature's store, and not a type import or the feature's own store", () => {
    const file = 'server/src/review/review.service.ts';
    expect(otherStoresUsed(file, "import { InsuredStore } from '../insured/insured.store';")).toEqual(['insured/insured.store']);
    expect(otherStoresUsed(file, "import { type PersonRow, InsuredStore } from '../insured/insured.store';")).toEqual(['insured/insured.store']);
    expect(otherStoresUsed(file, "import type { PersonRow } from '../insured/insured.store';")).toEqual([]);
    expect(otherStoresUsed(file, "import { type PersonRow } from '../insured/insured.store';")).toEqual([]);
    expect(otherStoresUsed(file, "import { ReviewStore } from '../review/review.store';")).toEqual([]);
  });
});
