// sql.mjs — SQL on a test's database from outside the application, as someone with access to
// the database would run it: the sqlite3 tool on a file, psql on a postgresql:// URL. Either
// prints what sqlite3 prints: one row a line, columns separated by "|", NULL as nothing (psql
// prints booleans as t and f, which the schema does not use). Statements run one by one, each
// in its own transaction, and the first that fails stops the rest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const isPostgres = (db) => /^postgres(ql)?:\/\//.test(db);

// sqlite3 waits up to 10 s for a running server's lock, as PostgreSQL waits for its row locks.
const SQLITE = ['-bail', '-cmd', '.timeout 10000'];

function psql(db, input) {
  return spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db],
    { input, encoding: 'utf8', env: { ...process.env, PGCLIENTENCODING: 'UTF8' } });
}

// Runs statements; { code, stdout, stderr }, with the database's own error message when one is
// refused.
export function sqlRun(db, statements) {
  const r = isPostgres(db) ? psql(db, statements) : spawnSync('sqlite3', [...SQLITE, db, statements], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs statements and returns what they print; throws when one is refused.
export function sql(db, statements) {
  const r = sqlRun(db, statements);
  if (r.code !== 0) throw new Error(`SQL refused (exit ${r.code}): ${r.stderr}\n${statements}`);
  return r.stdout;
}

// One query's rows as objects, keyed by the column names (give computed columns a name).
export function sqlJson(db, query) {
  if (isPostgres(db)) {
    // the row's alias must not be a column's name, or json_agg takes that column
    const inner = query.trim().replace(/;\s*$/, '');
    return JSON.parse(sql(db, `SELECT coalesce(json_agg(sqljson_row), '[]') FROM (${inner}) sqljson_row`));
  }
  const r = spawnSync('sqlite3', [...SQLITE, '-json', db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`SQL refused (exit ${r.status}): ${r.stderr}\n${query}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// The names of a table's columns, in their order.
export function columnNames(db, table) {
  const query = isPostgres(db)
    ? `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}'
       ORDER BY ordinal_position`
    : `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`;
  return sqlJson(db, query).map((c) => c.name);
}

// The names of the triggers on a table, sorted.
export function triggerNames(db, table) {
  const query = isPostgres(db)
    ? `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND NOT tgisinternal`
    : `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '${table}'`;
  return sqlJson(db, query).map((t) => t.name).sort();
}

// The statement that drops a trigger: PostgreSQL names its table, SQLite may not.
export const dropTrigger = (db, name, table) =>
  (isPostgres(db) ? `DROP TRIGGER ${name} ON ${table};` : `DROP TRIGGER ${name};`);

// After rows were written with their ids given: PostgreSQL's identity columns do not see them,
// so the next id each table gives is set past them. SQLite takes the largest id by itself.
export function syncIds(db, tables) {
  if (!isPostgres(db)) return;
  sql(db, tables.map((t) =>
    `SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${t};`).join('\n'));
}

// Whether nothing has been made in the database: no file (SQLite), no table (PostgreSQL, where
// the database itself is made by the test).
export function untouched(db) {
  if (!isPostgres(db)) return !existsSync(db);
  return sqlJson(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").length === 0;
}
