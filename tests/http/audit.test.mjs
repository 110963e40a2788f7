// audit.test.mjs — every create and update leaves an audit record with before and after,
// readable through the API; the log is append-only (the database refuses UPDATE and
// DELETE) and hash-chained, and `insyn audit verify` finds the first record that was
// changed or removed behind the application's back.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, cli, freshDb, Client } from '../lib/harness.mjs';
import { sqlRun, sqlJson, triggerNames, dropTrigger, isPostgres } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement, chainHash } from './fixtures.mjs';

let server;
let c;
const made = [];

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@example.org')).status, 303);
});
after(async () => {
  for (const d of made) d.cleanup();
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

// The database's own tool (sqlite3 on the file, psql), as an administrator would use it.
const sql = sqlRun;
const rows = sqlJson;

// The guard's triggers: PostgreSQL's TRUNCATE passes by DELETE triggers, so it has one more.
const guards = (db) => (isPostgres(db) ? ['audit_no_delete', 'audit_no_truncate', 'audit_no_update']
  : ['audit_no_delete', 'audit_no_update']);

function verify(db) {
  return cli(['audit', 'verify', db]);
}

// A database made with the command line only (no server), with some audited history.
async function offlineDb() {
  const fresh = await freshDb('offline.db');
  made.push(fresh);
  const { db, dir } = fresh;
  assert.equal(cli(['init', db]).code, 0);
  addUser(db, 'strateg@example.org', 'strategist');
  const orgs = join(dir, 'orgs.csv');
  writeFileSync(orgs, ['name,org_nr,kind', ...[1, 2, 3, 4, 5].map((i) => `Utförare ${i} AB,${orgNr(600 + i)},private`)].join('\n'));
  const r = cli(['import', 'organisations', db, orgs]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(cli(['token', 'create', db, '--email', 'strateg@example.org']).code, 0);
  return db;
}

let org; // created and updated through the API
let unit;
let agreement;

test('creates and updates write audit records with before and after', async () => {
  org = await createOrg(c, { name: 'Gamla Namnet AB', org_nr: orgNr(501), contact_name: 'Första kontakten' });
  let hist = await c.api('GET', `/api/v1/organisations/${org.id}/history`);
  assert.equal(hist.status, 200);
  let items = hist.json().items;
  assert.equal(items.length, 1);
  assert.equal(items[0].action, 'create');
  assert.equal(items[0].actor, 'strateg@example.org');
  assert.equal(items[0].entity, 'organisation');
  assert.equal(items[0].entity_id, org.id);
  assert.deepEqual(items[0].before, {});
  assert.equal(items[0].after.name, 'Gamla Namnet AB');
  assert.equal(items[0].after.org_nr, org.org_nr);
  assert.match(items[0].at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const patch = await c.api('PATCH', `/api/v1/organisations/${org.id}`, { name: 'Nya Namnet AB', contact_name: 'Andra kontakten' });
  assert.equal(patch.status, 200, patch.text);
  hist = await c.api('GET', `/api/v1/organisations/${org.id}/history`);
  items = hist.json().items;
  assert.equal(items.length, 2);
  const [update, create] = items;
  assert.ok(update.id > create.id, 'newest first');
  assert.equal(update.action, 'update');
  assert.equal(update.before.name, 'Gamla Namnet AB');
  assert.equal(update.after.name, 'Nya Namnet AB');
  assert.equal(update.before.contact_name, 'Första kontakten');
  assert.equal(update.after.contact_name, 'Andra kontakten');
  assert.deepEqual(update.changes.map((x) => x.field).sort(), ['contact_name', 'name']);
  const name = update.changes.find((x) => x.field === 'name');
  assert.deepEqual([name.label, name.from, name.to], ['Namn', 'Gamla Namnet AB', 'Nya Namnet AB']);

  // a form update is audited the same way, and shown on the page
  const form = await c.post(`/utforare/${org.id}`, { name: 'Formulärnamnet AB', org_nr: org.org_nr, kind: 'private', legal_form: 'ab' });
  assert.equal(form.status, 303);
  items = (await c.api('GET', `/api/v1/organisations/${org.id}/history`)).json().items;
  assert.equal(items.length, 3);
  assert.equal(items[0].before.name, 'Nya Namnet AB');
  assert.equal(items[0].after.name, 'Formulärnamnet AB');
  const page = await c.get(`/utforare/${org.id}`);
  assert.match(page.text, /Historik/);
  assert.match(page.text, /Nya Namnet AB/);

  // a refused change writes no record
  const bad = await c.api('PATCH', `/api/v1/organisations/${org.id}`, { org_nr: 'fel' });
  assert.equal(bad.status, 422);
  assert.equal((await c.api('GET', `/api/v1/organisations/${org.id}/history`)).json().items.length, 3);
});

test('units and agreements have their history too', async () => {
  unit = await createUnit(c, { organisation_id: org.id, name: 'Enheten', capacity: 10 });
  await c.api('PATCH', `/api/v1/units/${unit.id}`, { capacity: 12 });
  const uh = (await c.api('GET', `/api/v1/units/${unit.id}/history`)).json().items;
  assert.deepEqual(uh.map((e) => e.action), ['update', 'create']);
  assert.equal(uh[0].before.capacity, 10);
  assert.equal(uh[0].after.capacity, 12);

  agreement = await createAgreement(c, { case_ref: 'SN 2025/0500', title: 'Granskat avtal', organisation_id: org.id, unit_ids: [unit.id] });
  await c.api('PATCH', `/api/v1/agreements/${agreement.id}`, { status: 'terminated', termination_reason: 'Brister i tillsynen' });
  const ah = (await c.api('GET', `/api/v1/agreements/${agreement.id}/history`)).json().items;
  assert.deepEqual(ah.map((e) => e.action), ['update', 'create']);
  assert.equal(ah[0].before.status, 'active');
  assert.equal(ah[0].after.status, 'terminated');
  assert.equal(ah[0].after.termination_reason, 'Brister i tillsynen');
  assert.deepEqual(ah[1].after.unit_ids, [unit.id]);
  // histories do not mix entities that share an id
  for (const e of [...uh, ...ah]) assert.ok(['unit', 'agreement'].includes(e.entity));
  assert.ok(uh.every((e) => e.entity === 'unit' && e.entity_id === unit.id));
});

test('logins are audited as well', async () => {
  const logins = rows(server.db, "SELECT actor, action FROM audit WHERE entity = 'user' AND action = 'login'");
  assert.ok(logins.some((r) => r.actor === 'strateg@example.org'));
});

test('insyn audit verify says the chain is whole, while the server runs', () => {
  const n = rows(server.db, 'SELECT count(*) AS n FROM audit')[0].n;
  assert.ok(n >= 8);
  const r = verify(server.db);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, new RegExp(`Granskningsloggen är hel: ${n} poster kontrollerade\\.`));
  // the stored chain is the documented one
  const all = rows(server.db, 'SELECT * FROM audit ORDER BY id');
  let prev = '0'.repeat(64);
  for (const e of all) {
    assert.equal(e.prev_hash, prev, `record ${e.id} links to the one before`);
    assert.equal(e.hash, chainHash(e), `record ${e.id} has the documented hash`);
    prev = e.hash;
  }
});

test('the database refuses UPDATE and DELETE on the audit log while the triggers are there', () => {
  assert.deepEqual(triggerNames(server.db, 'audit'), guards(server.db));
  const before = rows(server.db, 'SELECT * FROM audit ORDER BY id');
  for (const statement of ["UPDATE audit SET actor = 'någon annan' WHERE id = 1;", 'DELETE FROM audit WHERE id = 2;',
    'DELETE FROM audit;', "UPDATE audit SET after_json = '{}';", ...(isPostgres(server.db) ? ['TRUNCATE audit;'] : [])]) {
    const r = sql(server.db, statement);
    assert.notEqual(r.code, 0, statement);
    assert.match(r.stderr, /append-only/, statement);
  }
  assert.deepEqual(rows(server.db, 'SELECT * FROM audit ORDER BY id'), before, 'nothing changed');
  assert.equal(verify(server.db).code, 0);
});

test('a record changed behind the application is found, by its id, while the server runs', async () => {
  const target = (await c.api('GET', `/api/v1/organisations/${org.id}/history`)).json().items.find((e) => e.action === 'create');
  const total = rows(server.db, 'SELECT count(*) AS n FROM audit')[0].n;
  const r = sql(server.db, `${dropTrigger(server.db, 'audit_no_update', 'audit')}
    UPDATE audit SET after_json = replace(after_json, 'Gamla Namnet AB', 'Falska Namnet AB') WHERE id = ${target.id};`);
  assert.equal(r.code, 0, r.stderr);
  const changed = rows(server.db, `SELECT after_json FROM audit WHERE id = ${target.id}`)[0].after_json;
  assert.match(changed, /Falska Namnet AB/, 'the tampering took');

  const v = verify(server.db);
  assert.notEqual(v.code, 0, 'verify fails');
  assert.equal(v.code, 1);
  assert.match(v.stdout, new RegExp(`BRUTEN vid post ${target.id}\\b`));
  assert.match(v.stdout, new RegExp(`${target.id - 1} poster före den är oförändrade`));
  // every later record is intact, yet the first broken one is what is named
  assert.ok(target.id < total);
  // the server goes on working
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
});

test('a removed record is found with the server stopped', async () => {
  const db = await offlineDb();
  assert.equal(verify(db).code, 0);
  const n = rows(db, 'SELECT count(*) AS n FROM audit')[0].n;
  const r = sql(db, `${dropTrigger(db, 'audit_no_delete', 'audit')} DELETE FROM audit WHERE id = 3;`);
  assert.equal(r.code, 0, r.stderr);
  const v = verify(db);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /BRUTEN vid post 3\b/);
  assert.match(v.stdout, /2 poster före den är oförändrade/);
  assert.equal(rows(db, 'SELECT count(*) AS n FROM audit')[0].n, n - 1);
  // opening the database again puts the guard back
  assert.deepEqual(triggerNames(db, 'audit'), guards(db));
});

test('a changed record whose own hash was recomputed is caught at the next record', async () => {
  const db = await offlineDb();
  const e = rows(db, 'SELECT * FROM audit WHERE id = 4')[0];
  const forged = { ...e, after_json: e.after_json.replace('Utförare', 'Förfalskad') };
  assert.notEqual(forged.after_json, e.after_json);
  forged.hash = chainHash(forged);
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  const r = sql(db, `${dropTrigger(db, 'audit_no_update', 'audit')} UPDATE audit SET after_json = ${quote(forged.after_json)}, hash = ${quote(forged.hash)} WHERE id = 4;`);
  assert.equal(r.code, 0, r.stderr);
  const v = verify(db);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /BRUTEN vid post 5\b/);
});

test('a record inserted out of order is found', async () => {
  const db = await offlineDb();
  const n = rows(db, 'SELECT max(id) AS n FROM audit')[0].n;
  const r = sql(db, `INSERT INTO audit (id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
    VALUES (${n + 5}, '2026-01-01T00:00:00Z', 'system', 'create', 'organisation', 99, '{}', '{}', '${'0'.repeat(64)}', '${'0'.repeat(64)}');`);
  assert.equal(r.code, 0, r.stderr);
  const v = verify(db);
  assert.equal(v.code, 1);
  assert.match(v.stdout, new RegExp(`BRUTEN vid post ${n + 1}\\b`));
});
