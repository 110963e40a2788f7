// audit_anchor.test.mjs — the anchored audit chain (issue 11, point 6). A hash chain by itself
// cannot show that its newest records were removed, or that the whole chain was written anew:
// what is left still verifies. `insyn audit head` prints the newest record's number and hash,
// `insyn audit mail-head` mails them to the registrar, the overview shows them to
// administrators, and `insyn audit verify --expect N:HASH` checks the database against such an
// anchor kept outside it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startServer, addUser, cli, freshDir, freshDb, Client, BIN } from '../lib/harness.mjs';
import { sql as sqlOn, sqlJson, dropTrigger } from '../lib/sql.mjs';
import { orgNr, createOrg, chainHash } from './fixtures.mjs';
import { mailbox, messages } from '../lib/mailbox.mjs';

let server;
let admin;
let strategist;
const dirs = [];
const made = [];

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'admin@example.org', 'admin');
      addUser(db, 'strateg@example.org', 'strategist');
    },
  });
  admin = new Client(server.url);
  strategist = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);
  assert.equal((await strategist.login('strateg@example.org')).status, 303);
  await createOrg(admin, { name: 'Ankarets utförare AB', org_nr: orgNr(701) });
});
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const d of made) d.cleanup();
  assert.equal((await server.stop()).code, 0, 'the server stops cleanly on SIGTERM');
});

// The database's own tool (sqlite3 on the file, psql), as someone with access to it would use it.
const sql = sqlOn;
const rows = sqlJson;
const dropGuard = (db, trigger) => dropTrigger(db, trigger, 'audit');
const newest = (db) => rows(db, 'SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1')[0];
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

// A new database of the test's own, made with `insyn init`.
async function initDb(name) {
  const fresh = await freshDb(name);
  made.push(fresh);
  assert.equal(cli(['init', fresh.db]).code, 0);
  return fresh;
}

// A database made with the command line only (no server), with some audited history.
async function offlineDb() {
  const { db, dir } = await initDb('kommun.db');
  addUser(db, 'strateg@example.org', 'strategist');
  const orgs = join(dir, 'orgs.csv');
  writeFileSync(orgs, ['name,org_nr,kind', ...[1, 2, 3, 4, 5].map((i) => `Utförare ${i} AB,${orgNr(710 + i)},private`)].join('\n'));
  const r = cli(['import', 'organisations', db, orgs]);
  assert.equal(r.code, 0, r.stderr);
  return db;
}

function head(db, format = null) {
  return cli(['audit', 'head', db, ...(format ? ['--format', format] : [])]);
}
function verify(db, expect) {
  return cli(['audit', 'verify', db, ...(expect === undefined ? [] : ['--expect', expect])]);
}
// The anchor as `insyn audit head` prints it, in the form --expect takes.
function anchorOf(db) {
  const r = head(db);
  assert.equal(r.code, 0, r.stderr);
  const [id, hash] = r.stdout.trim().split(' ');
  return { id: Number(id), hash, expect: `${id}:${hash}` };
}

test('insyn audit head prints the newest record\'s number and hash, as text and as JSON', () => {
  const last = newest(server.db);
  assert.ok(last.id >= 4, 'users, logins and an organisation were audited');
  const text = head(server.db);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, `${last.id} ${last.hash}\n`, 'one line: number, a space, the hash');
  assert.match(last.hash, /^[0-9a-f]{64}$/);

  const json = head(server.db, 'json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), { id: last.id, hash: last.hash, at: last.at });
  assert.match(JSON.parse(json.stdout).at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const bad = head(server.db, 'xml');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--format ska vara text eller json/);
  assert.equal(bad.stdout, '');
});

test('an empty log has no head: a clear message and exit 1', async () => {
  const { db } = await initDb('tom.db');
  for (const format of [null, 'json']) {
    const r = head(db, format);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Granskningsloggen är tom/);
  }
});

test('verify --expect passes on an intact database and names the anchor it checked', async () => {
  const anchor = anchorOf(server.db);
  const r = verify(server.db, anchor.expect);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Granskningsloggen är hel: \d+ poster kontrollerade\./);
  assert.ok(r.stdout.includes(`Post ${anchor.id} stämmer med ankaret ${anchor.expect}.`), r.stdout);

  // an older anchor still holds after more changes, and so does the new head
  await createOrg(admin, { name: 'Senare utförare AB', org_nr: orgNr(702) });
  assert.ok(newest(server.db).id > anchor.id);
  assert.equal(verify(server.db, anchor.expect).code, 0);
  assert.equal(verify(server.db, anchorOf(server.db).expect).code, 0);
  // a hash in capitals is the same hash
  assert.equal(verify(server.db, `${anchor.id}:${anchor.hash.toUpperCase()}`).code, 0);
});

test('a removed newest audit record is caught by --expect, though the chain itself still verifies', async () => {
  const db = await offlineDb();
  const anchor = anchorOf(db);
  assert.equal(verify(db, anchor.expect).code, 0);

  sql(db, `${dropGuard(db, 'audit_no_delete')} DELETE FROM audit WHERE id = ${anchor.id};`);
  assert.equal(newest(db).id, anchor.id - 1, 'the newest record is gone');
  // what is left is a whole chain: without the anchor nothing looks wrong
  const plain = verify(db);
  assert.equal(plain.code, 0, plain.stdout);
  assert.match(plain.stdout, new RegExp(`Granskningsloggen är hel: ${anchor.id - 1} poster kontrollerade\\.`));

  const r = verify(db, anchor.expect);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, new RegExp(`Post ${anchor.id} saknas\\b`));
  assert.match(r.stdout, new RegExp(`slutar nu vid post ${anchor.id - 1}\\.`));
  assert.doesNotMatch(r.stdout, /stämmer med ankaret/);
  // an anchor from before the removal still holds: it protects the records up to it
  const earlier = rows(db, `SELECT id, hash FROM audit WHERE id = ${anchor.id - 2}`)[0];
  assert.equal(verify(db, `${earlier.id}:${earlier.hash}`).code, 0);
});

test('several newest records removed are caught the same way', async () => {
  const db = await offlineDb();
  const anchor = anchorOf(db);
  sql(db, `${dropGuard(db, 'audit_no_delete')} DELETE FROM audit WHERE id > ${anchor.id - 3};`);
  assert.equal(verify(db).code, 0);
  const r = verify(db, anchor.expect);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`Post ${anchor.id} saknas\\b`));
});

test('a replaced record with the chain rewritten after it is caught by --expect alone', async () => {
  const db = await offlineDb();
  const anchor = anchorOf(db);
  const all = rows(db, 'SELECT * FROM audit ORDER BY id');
  // forge record 3 and make every record after it link to the forgery, as someone who knows
  // the documented hash would
  const target = all.find((e) => e.id === 3);
  const forged = target.after_json.replace('Utförare', 'Förfalskad');
  assert.notEqual(forged, target.after_json);
  target.after_json = forged;
  let prev = all.find((e) => e.id === 2).hash;
  const updates = [dropGuard(db, 'audit_no_update')];
  for (const e of all.filter((x) => x.id >= 3)) {
    e.prev_hash = prev;
    e.hash = chainHash(e);
    prev = e.hash;
    updates.push(`UPDATE audit SET after_json = ${quote(e.after_json)}, prev_hash = ${quote(e.prev_hash)}, hash = ${quote(e.hash)} WHERE id = ${e.id};`);
  }
  sql(db, updates.join('\n'));
  assert.match(rows(db, 'SELECT after_json FROM audit WHERE id = 3')[0].after_json, /Förfalskad/);

  const plain = verify(db);
  assert.equal(plain.code, 0, 'the rewritten chain is whole by itself');
  const r = verify(db, anchor.expect);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, new RegExp(`Post ${anchor.id} har en annan kontrollsumma än ankaret`));
  assert.ok(r.stdout.includes(anchor.hash), 'the anchor\'s hash is named');
  assert.ok(r.stdout.includes(newest(db).hash), 'and the one in the database');
});

test('a chain broken by an edit fails with or without the anchor', async () => {
  const db = await offlineDb();
  const anchor = anchorOf(db);
  sql(db, `${dropGuard(db, 'audit_no_update')} UPDATE audit SET actor = 'någon annan' WHERE id = 2;`);
  const r = verify(db, anchor.expect);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /BRUTEN vid post 2\b/);
});

test('a malformed --expect is refused with exit 1 before anything is checked', () => {
  const { id, hash } = anchorOf(server.db);
  for (const bad of ['', `${id}`, `${id}:`, `:${hash}`, `x:${hash}`, `0:${hash}`, `-1:${hash}`, `${id}:${hash.slice(1)}`,
    `${id}:${hash}0`, `${id}:${hash.slice(1)}g`, `${id} ${hash}`, ` ${id}:${hash}`, `${id}:${hash} `, `1.5:${hash}`,
    `99999999999999999999:${hash}`]) {
    const r = verify(server.db, bad);
    assert.equal(r.code, 1, `--expect "${bad}"`);
    assert.match(r.stderr, /--expect ska skrivas N:KONTROLLSUMMA/, `--expect "${bad}"`);
    assert.equal(r.stdout, '', `--expect "${bad}" checks nothing`);
  }
  const missing = cli(['audit', 'verify', server.db, '--expect']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--expect behöver ett värde/);
});

test('the overview shows the head to an administrator, and not to a strategist', async () => {
  const page = await admin.get('/oversikt');
  assert.equal(page.status, 200);
  const last = newest(server.db);
  assert.match(page.text, /Granskningsloggens ankare/);
  assert.match(page.text, new RegExp(`<dd id="anchor-id">${last.id}</dd>`));
  // abbreviated, with the whole hash at hand
  assert.ok(page.text.includes(`<code title="${last.hash}">${last.hash.slice(0, 12)}…</code>`), 'abbreviated with a title');
  assert.ok(page.text.includes(`<code class="hash" id="anchor-hash">${last.hash}</code>`), 'the whole hash in the details');
  assert.ok(page.text.includes(`${last.id}:${last.hash}`), 'ready for --expect');
  assert.match(page.text, new RegExp(`<time datetime="${last.at}">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</time>`));

  // the overview's body is cached for everyone: the strategist, served from that cache, sees none of it
  const other = await strategist.get('/oversikt');
  assert.equal(other.status, 200);
  assert.match(other.text, /Avtal som löper ut/, 'the strategist sees the overview');
  assert.doesNotMatch(other.text, /Granskningsloggens ankare/);
  assert.ok(!other.text.includes(last.hash), 'no hash');
  assert.doesNotMatch(other.text, /anchor-/);

  // the head follows the log: after a change the administrator sees the new one
  await createOrg(admin, { name: 'Översiktens utförare AB', org_nr: orgNr(703) });
  const next = newest(server.db);
  assert.ok(next.id > last.id);
  const again = await admin.get('/oversikt');
  assert.match(again.text, new RegExp(`<dd id="anchor-id">${next.id}</dd>`));
  assert.ok(again.text.includes(next.hash));
  assert.ok(!again.text.includes(last.hash), 'not the old head');
});

test('mail-head e-mails the head, with how to verify it, to the registrar through the sendmail command', () => {
  const dir = freshDir();
  dirs.push(dir);
  const box = mailbox(dir);
  const last = newest(server.db);
  const r = cli(['audit', 'mail-head', server.db, '--to', 'registrator@kommun.example', '--sendmail', box.ok,
    '--from', 'insyn@kommun.example']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`post ${last.id} med kontrollsumman ${last.hash}, har skickats till registrator@kommun\\.example`));
  const sent = messages(box.file);
  assert.equal(sent.length, 1);
  const [m] = sent;
  assert.equal(m.headers.to, 'registrator@kommun.example');
  assert.equal(m.headers.from, 'insyn@kommun.example');
  // the database by its name: the file's, or the last part of the URL
  assert.equal(m.headers.subject, `Granskningsloggens ankare i insyn, ${basename(server.db)}: post ${last.id}`);
  assert.match(m.body, new RegExp(`^Post: ${last.id}$`, 'm'));
  assert.match(m.body, new RegExp(`^Kontrollsumma \\(SHA-256\\): ${last.hash}$`, 'm'));
  assert.ok(m.body.includes(last.at), 'when it was written');
  assert.ok(m.body.includes(`Databas: ${server.db}`), 'which database');
  // the command in the message is one that works
  const command = m.body.match(/^ {2}insyn audit verify (\S+) --expect (\S+)$/m);
  assert.ok(command, m.body);
  assert.equal(command[1], server.db);
  assert.equal(command[2], `${last.id}:${last.hash}`);
  assert.equal(verify(command[1], command[2]).code, 0);

  // sending is not itself audited: sent again, the same head goes out
  assert.equal(newest(server.db).id, last.id, 'no audit record for the mail');
  assert.equal(cli(['audit', 'mail-head', server.db, '--to', 'registrator@kommun.example', '--sendmail', box.ok]).code, 0);
  const twice = messages(box.file);
  assert.equal(twice.length, 2);
  assert.equal(twice[1].headers.from, 'insyn@localhost', 'the default sender');
  assert.equal(twice[1].body, m.body);
});

test('mail-head takes the command from INSYN_SENDMAIL and says when it cannot hand the mail over', async () => {
  const dir = freshDir();
  dirs.push(dir);
  const box = mailbox(dir);
  const run = (args, env = {}) => {
    const r = spawnSync(BIN, ['audit', 'mail-head', server.db, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  assert.equal(run(['--to', 'registrator@kommun.example'], { INSYN_SENDMAIL: box.ok, INSYN_MAIL_FROM: 'logg@kommun.example' }).code, 0);
  assert.equal(messages(box.file).length, 1);
  assert.equal(messages(box.file)[0].headers.from, 'logg@kommun.example');

  const failed = run(['--to', 'registrator@kommun.example', '--sendmail', box.fail]);
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /Ankaret kunde inte lämnas över till e-postkommandot: .*felkod 1/);

  const noTo = run(['--sendmail', box.ok]);
  assert.equal(noTo.code, 1);
  assert.match(noTo.stderr, /--to behövs/);
  const badTo = run(['--to', 'inte en adress', '--sendmail', box.ok]);
  assert.equal(badTo.code, 1);
  assert.match(badTo.stderr, /Mottagaradressen inte en adress går inte att skicka till/);
  assert.equal(messages(box.file).length, 1, 'nothing more was sent');

  const { db } = await initDb('tom.db');
  const none = cli(['audit', 'mail-head', db, '--to', 'registrator@kommun.example', '--sendmail', box.ok]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /Granskningsloggen är tom/);
  assert.equal(messages(box.file).length, 1);
});
