// copy_data.test.mjs — `insyn copy-data --from DB --to DB` moves a municipality between the
// backends: the demo from SQLite to PostgreSQL and back, every table's rows the same, the
// pages and the API answering alike, the audit chain verified with the copy's own record at
// its end, new rows getting new ids; a target that holds data, the same database twice and a
// password in the URL are refused; a copy that fails half-way leaves the target empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, freshDir, serveDb, Client } from '../lib/harness.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { createOrg, orgNr } from './fixtures.mjs';

const ADMIN = 'admin@sjobacka.example';
const DEMO_PASSWORD = 'sjobacka-demo-2026';

let pg, dir, demo;
before(async () => {
  pg = await startPostgres('insyn');
  dir = freshDir();
  demo = join(dir, 'demo.db');
  const made = cli(['demo', demo]);
  assert.equal(made.code, 0, made.stderr);
});
after(() => {
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function createDb(name) {
  pg.psql(`CREATE DATABASE ${name}`);
  return pg.url.replace(/\/insyn$/, `/${name}`);
}

const sqlite = (db, statement) => execFileSync('sqlite3', [db, statement]).toString().trim();
const tables = (db) => sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").split('\n');

// Every table's row count, on either backend (the migration record is each database's own).
function counts(db) {
  const out = {};
  for (const t of tables(demo)) {
    if (t === 'schema_migration') continue;
    out[t] = Number(db.startsWith('postgresql://')
      ? pg.psql(`SELECT count(*) FROM "${t}"`, db.replace(/.*\//, '')).trim()
      : sqlite(db, `SELECT count(*) FROM "${t}"`));
  }
  return out;
}

const head = (db) => {
  const r = cli(['audit', 'head', db]);
  assert.equal(r.code, 0, r.stderr);
  const [n, hash] = r.stdout.trim().split(' ');
  return { n: Number(n), hash };
};

// What an administrator sees through the API, ids and all.
async function snapshot(db) {
  const server = await serveDb(db);
  try {
    const c = new Client(server.url);
    assert.equal((await c.login(ADMIN, DEMO_PASSWORD)).status, 303);
    const out = {};
    for (const path of ['/api/v1/organisations?per_page=100', '/api/v1/agreements?per_page=100',
      '/api/v1/signals?per_page=100', '/api/v1/applications', '/api/v1/risk', '/api/v1/plans',
      '/api/v1/surveys', '/api/v1/investigations', '/api/v1/coordinator-meetings']) {
      const res = await c.api('GET', path);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      out[path] = res.json();
    }
    return out;
  } finally {
    await server.stop();
  }
}

test('SQLite to PostgreSQL and back: the same rows, the same answers, a chain that verifies', async () => {
  const before = head(demo);
  const target = createDb('copy_to');
  const r = cli(['copy-data', '--from', demo, '--to', target]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Kopierat \d+ rader i \d+ tabeller/);
  assert.match(r.stdout, /Granskningsloggen i .* är hel/);

  const source = counts(demo);
  assert.deepEqual(counts(target), { ...source, audit: source.audit + 1 },
    'every row is there, and one audit record more: the copy');
  const copied = head(target);
  assert.equal(copied.n, before.n + 1);
  const verify = cli(['audit', 'verify', target, '--expect', `${before.n}:${before.hash}`]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const record = pg.psql(`SELECT actor || ' ' || action || ' ' || entity FROM audit WHERE id = ${copied.n}`, 'copy_to').trim();
  assert.equal(record, 'system copy database');

  assert.deepEqual(await snapshot(target), await snapshot(demo), 'the API answers alike on both');

  // a new row on PostgreSQL takes the next id, not one the copy already used
  const server = await serveDb(target);
  try {
    const c = new Client(server.url);
    await c.login(ADMIN, DEMO_PASSWORD);
    const maxId = Number(pg.psql('SELECT max(id) FROM organisation', 'copy_to').trim());
    const org = await createOrg(c, { name: 'Ny efter flytten AB', org_nr: orgNr(4711) });
    assert.equal(org.id, maxId + 1);
  } finally {
    await server.stop();
  }

  const back = join(dir, 'back.db');
  const r2 = cli(['copy-data', '--from', target, '--to', back]);
  assert.equal(r2.code, 0, r2.stderr);
  const there = counts(target);
  assert.deepEqual(counts(back), { ...there, audit: there.audit + 1 });
  assert.equal(head(back).n, head(target).n + 1);
  const verifyBack = cli(['audit', 'verify', back, '--expect', `${copied.n}:${copied.hash}`]);
  assert.equal(verifyBack.code, 0, verifyBack.stdout + verifyBack.stderr);
  assert.equal(sqlite(back, "SELECT name FROM organisation WHERE org_nr = '" + orgNr(4711) + "'"), 'Ny efter flytten AB');
});

test('a target that already holds data is refused and left as it was', () => {
  const target = createDb('copy_full');
  assert.equal(cli(['copy-data', '--from', demo, '--to', target]).code, 0);
  const was = head(target);
  const again = cli(['copy-data', '--from', demo, '--to', target]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /Måldatabasen innehåller redan uppgifter/);
  assert.deepEqual(head(target), was);

  const same = cli(['copy-data', '--from', demo, '--to', demo]);
  assert.equal(same.code, 1);
  assert.match(same.stderr, /samma databas/);

  const secret = cli(['copy-data', '--from', demo, '--to', pg.url.replace('insyn@', 'insyn:hemligt@')]);
  assert.equal(secret.code, 1);
  assert.match(secret.stderr, /Lösenordet ska inte stå i adressen/);
  assert.doesNotMatch(secret.stderr + secret.stdout, /hemligt/);

  const missing = cli(['copy-data', '--from', join(dir, 'finns-inte.db'), '--to', createDb('copy_none')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Databasen .*finns-inte.db finns inte/);

  const usage = cli(['copy-data', '--from', demo]);
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /Användning: insyn copy-data --from DB --to DB/);
});

test('a copy that fails half-way leaves nothing in the target', () => {
  const target = createDb('copy_fail');
  assert.equal(cli(['init', target]).code, 0);
  // the signals refuse every row: the copy fails after the organisations are in
  pg.psql(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'nej'; END $$;
    CREATE TRIGGER refuse BEFORE INSERT ON signal FOR EACH ROW EXECUTE FUNCTION refuse();`, 'copy_fail');
  const r = cli(['copy-data', '--from', demo, '--to', target]);
  assert.equal(r.code, 2, r.stdout);
  assert.match(r.stderr, /incidentnummer/);
  for (const t of ['organisation', 'agreement', 'audit', 'app_user']) {
    assert.equal(pg.psql(`SELECT count(*) FROM ${t}`, 'copy_fail').trim(), '0', `${t} is empty`);
  }
  assert.ok(Number(pg.psql('SELECT count(*) FROM routine', 'copy_fail').trim()) > 0,
    'the built-in routines the migrations made are still there');
});
