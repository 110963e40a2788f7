// backup_postgresql.test.mjs — `insyn backup URL FILE` on PostgreSQL while the server runs and
// writes: pg_dump's archive of one snapshot, readable by its owner only, holding every write
// acknowledged before the backup began and no gap after; restored as docs/operations.md says
// (createdb, pg_restore, insyn audit verify) it serves; a database whose audit chain is broken
// is not backed up; an existing FILE is refused unless --force.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, freshDir, serveDb, Client, cliAsync } from '../lib/harness.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { createOrg, orgNr } from './fixtures.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const STRATEGIST = 'strateg@sjobacka.example';

let pg, dir, server, c, db;
before(async () => {
  pg = await startPostgres('insyn');
  dir = freshDir();
  db = pg.url;
  const made = cli(['demo', db]);
  assert.equal(made.code, 0, made.stderr);
  server = await serveDb(db);
  c = new Client(server.url);
  assert.equal((await c.login(STRATEGIST, DEMO_PASSWORD)).status, 303);
});
after(async () => {
  if (server) assert.equal((await server.stop()).code, 0, 'the server stops cleanly on SIGTERM');
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = cliAsync;

// docs/operations.md's restore: a new database, pg_restore into it, then insyn audit verify.
function restore(file, name) {
  pg.psql(`CREATE DATABASE ${name}`);
  const url = pg.url.replace(/\/insyn$/, `/${name}`);
  execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  return url;
}

const names = (name) => new Set(pg.psql('SELECT name FROM organisation', name).trim().split('\n'));

let serial = 700;

test('a backup made while the server writes holds every write acknowledged before it began', async () => {
  const file = join(dir, 'kopia.dump');
  const acknowledged = [];
  let stop = false;
  const writer = async (k) => {
    for (let i = 0; !stop; i++) {
      const name = `Skrivare ${k} nr ${i} AB`;
      await createOrg(c, { name, org_nr: orgNr(serial++, '57') });
      acknowledged.push(name);
    }
  };
  const writers = [1, 2, 3].map(writer);
  while (acknowledged.length < 15) await new Promise((ok) => setTimeout(ok, 5));
  const beforeBackup = [...acknowledged];
  const backup = await run(['backup', db, file]);
  const whileRunning = acknowledged.length - beforeBackup.length;
  stop = true;
  await Promise.all(writers);

  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /Säkerhetskopian .*kopia\.dump är skapad .*ett arkiv för pg_restore.* och kontrollerad: granskningsloggen var hel, \d+ poster/);
  assert.ok(whileRunning > 0, 'the server went on acknowledging writes while the backup ran');
  assert.ok(!existsSync(`${file}.tmp`), 'no FILE.tmp is left');
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the archive is readable by its owner only');

  const restored = restore(file, 'aterstalld');
  const verify = cli(['audit', 'verify', restored]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const inCopy = names('aterstalld');
  for (const name of beforeBackup) assert.ok(inCopy.has(name), `${name} is in the copy`);
  for (const k of [1, 2, 3]) {
    const numbers = [...inCopy].map((n) => n.match(new RegExp(`^Skrivare ${k} nr (\\d+) AB$`)))
      .filter(Boolean).map((m) => Number(m[1])).sort((x, y) => x - y);
    assert.deepEqual(numbers, numbers.map((_, i) => i), `writer ${k}'s organisations in the copy have no gap`);
  }
  assert.equal(pg.psql(`SELECT count(*) FROM organisation o WHERE NOT EXISTS
    (SELECT 1 FROM audit a WHERE a.entity = 'organisation' AND a.entity_id = o.id)`, 'aterstalld').trim(), '0',
  'no organisation without its audit record');

  // the restored database serves, with its users, and takes writes with new ids
  const s = await serveDb(restored);
  try {
    const r = new Client(s.url);
    assert.equal((await r.login(STRATEGIST, DEMO_PASSWORD)).status, 303);
    const found = await r.api('GET', `/api/v1/organisations?q=${encodeURIComponent(beforeBackup[0])}`);
    assert.deepEqual(found.json().items.map((o) => o.name), [beforeBackup[0]]);
    await createOrg(r, { name: 'Efter återställningen AB', org_nr: orgNr(serial++, '57') });
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
  // and the append-only guard came back with it
  assert.throws(() => pg.psql('DELETE FROM audit WHERE id = 1', 'aterstalld'), /append-only/);
});

test('an existing FILE is refused; --force replaces it', async () => {
  const file = join(dir, 'befintlig.dump');
  assert.equal((await run(['backup', db, file])).code, 0);
  const first = readFileSync(file);
  const refused = await run(['backup', db, file]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Filen .*befintlig\.dump finns redan\. Ange --force/);
  assert.ok(readFileSync(file).equals(first));
  await createOrg(c, { name: 'Efter första kopian AB', org_nr: orgNr(serial++, '57') });
  const forced = await run(['backup', db, file, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(names(restore(file, 'ersatt').replace(/.*\//, '')).has('Efter första kopian AB'));
});

test('a database whose audit chain is broken is not backed up', async () => {
  const good = join(dir, 'forra.dump');
  assert.equal((await run(['backup', db, good])).code, 0);
  const earlier = readFileSync(good);
  pg.psql('CREATE DATABASE trasig');
  const broken = pg.url.replace(/\/insyn$/, '/trasig');
  assert.equal(cli(['demo', broken]).code, 0);
  pg.psql(`ALTER TABLE audit DISABLE TRIGGER audit_no_update;
    UPDATE audit SET actor = 'någon annan' WHERE id = 5;`, 'trasig');
  const r = await run(['backup', broken, good, '--force']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Granskningsloggen är bruten vid post 5/);
  assert.match(r.stderr, /Ingen ny säkerhetskopia sparades; .*forra\.dump är orörd\./);
  assert.ok(readFileSync(good).equals(earlier), 'the earlier backup is untouched');
  assert.ok(!existsSync(`${good}.tmp`));
});

test('a password in the URL is refused before anything is written', async () => {
  const file = join(dir, 'hemlig.dump');
  const r = await run(['backup', db.replace('insyn@', 'insyn:hemligt@'), file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Lösenordet ska inte stå i adressen/);
  assert.doesNotMatch(r.stderr, /hemligt/);
  assert.ok(!existsSync(file) && !existsSync(`${file}.tmp`));
});
