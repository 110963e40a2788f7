// schema.test.mjs — the migrations for SQLite (db/migrations) and for PostgreSQL
// (db/migrations-postgresql) are kept side by side; this test applies each set to its own
// database — SQLite through `insyn init`, PostgreSQL in a throw-away cluster — and checks that
// both describe the same tables, columns (type, NOT NULL, default), primary keys, unique
// constraints, foreign keys and indexes, and the same built-in rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli, freshDir } from '../lib/harness.mjs';
import { startPostgres } from '../lib/postgres.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SQLITE_DIR = join(ROOT, 'db/migrations');
const PG_DIR = join(ROOT, 'db/migrations-postgresql');
// the migration runner's own table is made by the code, not by a migration
const RUNNER = new Set(['schema_migration']);

let pg;
let db;

function sqlite(sql) {
  return JSON.parse(execFileSync('sqlite3', ['-json', db, sql]).toString() || '[]');
}

function pgRows(sql) {
  const out = pg.psql(`SELECT coalesce(json_agg(x), '[]') FROM (${sql}) x`);
  return JSON.parse(out);
}

const TYPES = { integer: 'integer', bigint: 'integer', text: 'text', blob: 'blob', bytea: 'blob',
  real: 'real', 'double precision': 'real' };
// '' and 'x' as written in the DDL, without PostgreSQL's casts
// (PostgreSQL writes a negative number as a quoted literal: '-1'::integer)
const normDefault = (d) => (d === null || d === undefined ? null
  : String(d).replace(/::[a-z ]+$/i, '').replace(/^'(-?\d+)'$/, '$1'));
const key = (cols) => cols.join(',');

function sqliteSchema() {
  const schema = {};
  const tables = sqlite("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .map((r) => r.name).filter((t) => !RUNNER.has(t));
  for (const t of tables) {
    const cols = sqlite(`SELECT name, type, "notnull" AS nn, dflt_value AS d, pk FROM pragma_table_info('${t}')`);
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const columns = {};
    for (const c of cols)
      columns[c.name] = { type: TYPES[c.type.toLowerCase()] ?? c.type, notnull: Boolean(c.nn) || pk.includes(c.name),
        default: normDefault(c.d) };
    const unique = [];
    const indexes = {};
    for (const ix of sqlite(`SELECT name, "unique" AS u, origin, partial FROM pragma_index_list('${t}')`)) {
      const ixcols = sqlite(`SELECT name FROM pragma_index_info('${ix.name}') ORDER BY seqno`).map((r) => r.name);
      if (ix.origin === 'pk') continue;
      if (ix.origin === 'u') unique.push(key(ixcols));
      else indexes[ix.name] = { columns: key(ixcols), unique: Boolean(ix.u), partial: Boolean(ix.partial) };
    }
    const fks = sqlite(`SELECT "table" AS ref, "from" AS col, "to" AS refcol FROM pragma_foreign_key_list('${t}')`)
      .map((f) => `${f.col}->${f.ref}.${f.refcol ?? 'id'}`);
    schema[t] = { columns, pk: key(pk), unique: unique.sort(), indexes, fks: fks.sort() };
  }
  return schema;
}

function pgSchema() {
  const schema = {};
  const tables = pgRows("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
    .map((r) => r.t).filter((t) => !RUNNER.has(t));
  for (const t of tables) {
    const columns = {};
    for (const c of pgRows(`SELECT column_name AS name, data_type AS type, is_nullable AS n, column_default AS d,
        is_identity AS ident FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'`))
      columns[c.name] = { type: TYPES[c.type] ?? c.type, notnull: c.n === 'NO', default: c.ident === 'YES' ? null : normDefault(c.d) };
    const cons = pgRows(`SELECT c.contype AS kind, c.conname AS name,
        (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
        (SELECT relname FROM pg_class WHERE oid = c.confrelid) AS ref,
        (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refcols
      FROM pg_constraint c WHERE c.conrelid = '"${t}"'::regclass`);
    const pk = cons.find((c) => c.kind === 'p');
    const unique = cons.filter((c) => c.kind === 'u').map((c) => key(c.cols));
    const fks = cons.filter((c) => c.kind === 'f').map((c) => `${c.cols[0]}->${c.ref}.${c.refcols[0]}`);
    const constraintIndexes = new Set(cons.map((c) => c.name));
    const indexes = {};
    for (const ix of pgRows(`SELECT i.relname AS name, x.indisunique AS u, x.indpred IS NOT NULL AS partial,
        (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, ord)
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = '"${t}"'::regclass`)) {
      if (constraintIndexes.has(ix.name)) continue;
      indexes[ix.name] = { columns: key(ix.cols), unique: ix.u, partial: ix.partial };
    }
    schema[t] = { columns, pk: pk ? key(pk.cols) : '', unique: unique.sort(), indexes, fks: fks.sort() };
  }
  return schema;
}

before(async () => {
  const dir = freshDir();
  db = join(dir, 'schema.db');
  const init = cli(['init', db]);
  assert.equal(init.code, 0, init.stderr);
  pg = await startPostgres();
  for (const f of readdirSync(PG_DIR).filter((x) => x.endsWith('.sql')).sort())
    pg.psqlFile(join(PG_DIR, f));
});
after(() => pg?.stop());

test('every migration has its twin, with the same number and name', () => {
  const names = (d) => readdirSync(d).filter((x) => x.endsWith('.sql')).sort();
  assert.deepEqual(names(PG_DIR), names(SQLITE_DIR));
});

test('both backends describe the same tables, columns, keys, constraints and indexes', () => {
  const a = sqliteSchema();
  const b = pgSchema();
  assert.ok(Object.keys(a).length >= 40, 'the schema is not empty');
  assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), 'the same tables');
  for (const t of Object.keys(a).sort())
    assert.deepEqual(b[t], a[t], `table ${t}`);
});

test('the built-in routines and their activities are the same rows', () => {
  const q = 'SELECT r.id, r.name, a.position, a.name AS activity, a.frequency FROM routine r ' +
    'JOIN routine_activity a ON a.routine_id = r.id ORDER BY r.id, a.position';
  const fromSqlite = sqlite(q);
  assert.ok(fromSqlite.length > 10);
  assert.deepEqual(pgRows(q), fromSqlite);
  // and a routine made later gets a new id in PostgreSQL too: the identity goes on after them
  const next = pg.psql("INSERT INTO routine (name, forms, service_areas, main_role, substitute_role, created_at, updated_at) " +
    "VALUES ('Prov', 'lou', 'home_care', 'strategist', 'director', 'x', 'x') RETURNING id").trim();
  assert.ok(Number(next) > Math.max(...fromSqlite.map((r) => r.id)), `new id ${next}`);
});
