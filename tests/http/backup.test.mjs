// backup.test.mjs — `insyn backup DB FILE` while the server runs and writes: the copy opens,
// passes SQLite's integrity check and `insyn audit verify`, holds every write acknowledged
// before the backup began and is readable by its owner only; a copy restored into a new path
// serves; the restore in docs/operations.md (stop, replace the file, verify, start) works;
// an existing FILE is refused unless --force; a bad database path exits 2 in Swedish and
// creates nothing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser, cli, freshDir, serveDb, startServer, Client, cliAsync } from '../lib/harness.mjs';
import { createOrg, orgNr } from './fixtures.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const STRATEGIST = 'strateg@sjobacka.example';

let server, c, dir;
before(async () => {
  // the demo municipality: a database of some megabytes, copied in several steps
  server = await startServer({ demo: true });
  c = new Client(server.url);
  assert.equal((await c.login(STRATEGIST, DEMO_PASSWORD)).status, 303);
  dir = freshDir();
});
after(async () => {
  assert.equal((await server.stop()).code, 0, 'the server stops cleanly on SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const run = cliAsync;

const sql = (db, statement) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, statement]).toString().trim();
const names = (db) => new Set(sql(db, 'SELECT name FROM organisation').split('\n'));

let serial = 500;
async function newOrg(client, name) {
  return createOrg(client, { name, org_nr: orgNr(serial++) });
}

// Every organisation in a consistent copy came with its audit record, in one transaction.
function assertConsistent(db) {
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');
  assert.equal(sql(db, `SELECT count(*) FROM organisation o WHERE NOT EXISTS
    (SELECT 1 FROM audit a WHERE a.entity = 'organisation' AND a.entity_id = o.id)`), '0',
  'no organisation without its audit record');
  const verify = cli(['audit', 'verify', db]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /Granskningsloggen är hel/);
}

test('a backup made while the server writes holds every write acknowledged before it began', async () => {
  const copy = join(dir, 'kopia.db');
  const acknowledged = [];
  let stop = false;
  const writer = async (k) => {
    for (let i = 0; !stop; i++) {
      const name = `Skrivare ${k} nr ${i} AB`;
      await newOrg(c, name); // asserts 201: the server is never refused a write meanwhile
      acknowledged.push(name);
    }
  };
  const writers = [1, 2, 3].map(writer);
  while (acknowledged.length < 15) await new Promise((ok) => setTimeout(ok, 5));
  const beforeBackup = [...acknowledged];
  const backup = await run(['backup', server.db, copy]);
  const whileRunning = acknowledged.length - beforeBackup.length;
  stop = true;
  await Promise.all(writers);

  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /Säkerhetskopian .*kopia\.db är skapad .* och kontrollerad/);
  assert.equal(backup.stderr, '');
  assert.ok(whileRunning > 0, 'the server went on acknowledging writes while the backup ran');
  assert.ok(!existsSync(`${copy}.tmp`), 'no FILE.tmp is left');
  assert.equal(statSync(copy).mode & 0o777, 0o600, 'the copy is readable by its owner only');
  assertConsistent(copy);
  const inCopy = names(copy);
  for (const name of beforeBackup) assert.ok(inCopy.has(name), `${name} is in the copy`);
  // and the copy is one moment: each writer's organisations in it are its first ones, with
  // no gap, since a writer saves one after the other
  for (const k of [1, 2, 3]) {
    const numbers = [...inCopy].map((n) => n.match(new RegExp(`^Skrivare ${k} nr (\\d+) AB$`)))
      .filter(Boolean).map((m) => Number(m[1])).sort((x, y) => x - y);
    assert.deepEqual(numbers, numbers.map((_, i) => i), `writer ${k}'s organisations in the copy have no gap`);
  }

  // the server is unharmed, with everything it acknowledged
  const all = names(server.db);
  for (const name of acknowledged) assert.ok(all.has(name));
});

test('a copy restored into a new path serves, with its data and its users', async () => {
  const copy = join(dir, 'att-aterstalla.db');
  const name = 'Före återställningen AB';
  await newOrg(c, name);
  const backup = await run(['backup', server.db, copy]);
  assert.equal(backup.code, 0, backup.stderr);
  const restored = join(dir, 'aterstalld.db');
  copyFileSync(copy, restored);
  assert.equal(cli(['audit', 'verify', restored]).code, 0);
  const s = await serveDb(restored);
  try {
    const r = new Client(s.url);
    assert.equal((await r.login(STRATEGIST, DEMO_PASSWORD)).status, 303, 'the users are in the copy');
    const found = await r.api('GET', `/api/v1/organisations?q=${encodeURIComponent(name)}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.json().items.map((o) => o.name), [name]);
    await newOrg(r, 'Efter återställningen AB'); // and it takes writes
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
  assertConsistent(restored);
});

test('the restore in docs/operations.md: stop, put the copy in place, verify, start', async () => {
  const own = join(dir, 'drift');
  mkdirSync(own);
  const db = join(own, 'insyn.db');
  assert.equal(cli(['init', db]).code, 0);
  addUser(db, 'drift@example.org', 'strategist');
  let s = await serveDb(db);
  const copy = join(own, 'insyn-kopia.db');
  try {
    const d = new Client(s.url);
    assert.equal((await d.login('drift@example.org')).status, 303);
    await newOrg(d, 'Finns i kopian AB');
    assert.equal((await run(['backup', db, copy])).code, 0);
    await newOrg(d, 'Skapad efter kopian AB');
  } finally {
    // 1. stop every server
    assert.equal((await s.stop()).code, 0);
  }
  // 2. move the database aside with the files SQLite keeps beside it
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(db + suffix)) renameSync(db + suffix, `${db}.skadad${suffix}`);
  }
  // 3. the copy in place; 4. verify it; 5. start
  copyFileSync(copy, db);
  const verify = cli(['audit', 'verify', db]);
  assert.equal(verify.code, 0, verify.stderr);
  s = await serveDb(db);
  try {
    const d = new Client(s.url);
    assert.equal((await d.login('drift@example.org')).status, 303);
    const list = (await d.api('GET', '/api/v1/organisations')).json().items.map((o) => o.name);
    assert.ok(list.includes('Finns i kopian AB'));
    assert.ok(!list.includes('Skapad efter kopian AB'), 'the database is as it was when the copy was made');
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('an existing FILE is refused and left as it was; --force replaces it', async () => {
  const copy = join(dir, 'befintlig.db');
  assert.equal((await run(['backup', server.db, copy])).code, 0);
  const first = readFileSync(copy);
  await newOrg(c, 'Efter första kopian AB');
  const refused = await run(['backup', server.db, copy]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^insyn: Filen .*befintlig\.db finns redan\. Ange --force/);
  assert.equal(refused.stdout, '');
  assert.ok(readFileSync(copy).equals(first), 'the existing file is untouched');
  assert.ok(!existsSync(`${copy}.tmp`));

  const forced = await run(['backup', server.db, copy, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(names(copy).has('Efter första kopian AB'), 'the new copy replaced the old');
  assertConsistent(copy);

  // --quick checks with quick_check, and the copy is just as whole
  const quick = await run(['backup', server.db, join(dir, 'snabb.db'), '--quick']);
  assert.equal(quick.code, 0, quick.stderr);
  assertConsistent(join(dir, 'snabb.db'));
});

test('a copy that fails a check is not saved, and the earlier FILE is left as it was', async () => {
  const good = join(dir, 'forra.db');
  assert.equal((await run(['backup', server.db, good])).code, 0);
  const earlier = readFileSync(good);

  // an audit record changed behind insyn's back: the chain is broken at it
  const tampered = join(dir, 'manipulerad.db');
  assert.equal((await run(['backup', server.db, tampered])).code, 0);
  sql(tampered, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'någon annan' WHERE id = 5");
  const broken = await run(['backup', tampered, good, '--force']);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /Granskningsloggen i kopian är bruten vid post 5/);
  assert.match(broken.stderr, /Ingen ny säkerhetskopia sparades; .*forra\.db är orörd\./);
  assert.ok(readFileSync(good).equals(earlier), 'the earlier backup is untouched');
  assert.ok(!existsSync(`${good}.tmp`));

  // a damaged page: SQLite's integrity check finds it in the copy
  const damaged = join(dir, 'skadad.db');
  assert.equal((await run(['backup', server.db, damaged])).code, 0);
  const pages = Number(sql(damaged, 'PRAGMA page_count'));
  const size = Number(sql(damaged, 'PRAGMA page_size'));
  const page = Math.floor(pages * 0.7); // a table's page, somewhere in the middle
  const bytes = readFileSync(damaged);
  bytes.fill(0xff, size * page, size * (page + 1));
  writeFileSync(damaged, bytes);
  const out = join(dir, 'av-skadad.db');
  for (const args of [[], ['--quick']]) {
    const r = await run(['backup', damaged, out, ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Kopian klarade inte kontrollen av databasens struktur \((integrity|quick)_check\)/);
    assert.match(r.stderr, /Ingen säkerhetskopia sparades\./);
    assert.ok(!existsSync(out) && !existsSync(`${out}.tmp`), 'nothing is saved');
  }
});

test('the database itself, or a file beside it, is never a backup target, even with --force', async () => {
  for (const target of [server.db, `${server.db}-wal`, `${server.db}-shm`]) {
    const r = await run(['backup', server.db, target, '--force']);
    assert.equal(r.code, 1, target);
    assert.match(r.stderr, /kan inte skrivas över databasen/);
  }
  assert.equal((await c.api('GET', '/api/v1/organisations')).status, 200, 'the server is unharmed');
  assert.equal(sql(server.db, 'PRAGMA integrity_check'), 'ok');
});

test('a bad database path exits 2 with a Swedish message and creates nothing', async () => {
  const out = join(dir, 'blir-inget.db');
  const missing = join(dir, 'finns-inte.db');
  const r = await run(['backup', missing, out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^insyn: Databasen .*finns-inte\.db finns inte\.\n$/);
  assert.ok(!existsSync(missing), 'no empty database is created in its place');
  assert.ok(!existsSync(out) && !existsSync(`${out}.tmp`), 'and no copy');

  const noDir = await run(['backup', join(dir, 'ingen-mapp', 'x.db'), out]);
  assert.equal(noDir.code, 2);
  assert.match(noDir.stderr, /finns inte/);

  const text = join(dir, 'anteckning.txt');
  writeFileSync(text, 'inte en databas\n');
  const notDb = await run(['backup', text, out]);
  assert.equal(notDb.code, 2);
  assert.match(notDb.stderr, /anteckning\.txt är ingen databas för insyn/);
  assert.equal(readFileSync(text, 'utf8'), 'inte en databas\n');

  const badTarget = await run(['backup', server.db, join(dir, 'ingen-mapp', 'kopia.db')]);
  assert.equal(badTarget.code, 2);
  assert.match(badTarget.stderr, /Kan inte skapa säkerhetskopian .*: mappen finns inte\./);

  const usage = await run(['backup', server.db]);
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /Användning: insyn backup DB FIL/);
  assert.ok(!existsSync(out));
});
