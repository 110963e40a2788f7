// remind.test.mjs — `insyn remind` for a fixed date: one e-mail per responsible person,
// handed to a stand-in for sendmail that appends each message to a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, Client, cli, BIN } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';
import { mailbox, messages } from '../lib/mailbox.mjs';

const TODAY = '2025-10-08';
const DAYS = 7;
const UNTIL = '2025-10-15';
let server, users, agreementA, agreementB, box;

async function userIds(client) {
  const page = await client.get('/ersattare');
  const ids = {};
  for (const m of page.text.matchAll(/<option value="(\d+)">([^<(]+) \(/g)) ids[m[2].trim()] = m[1];
  return ids;
}

function remind(args, env = {}) {
  const r = spawnSync(BIN, ['remind', server.db, '--today', TODAY, ...args],
    { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Tasks each person should be told about, from `insyn schedule`.
function expectedTasks() {
  const r = cli(['schedule', server.db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout).filter((x) => x.status !== 'done' && x.due <= UNTIL);
  const own = {
    'anna@example.org': rows.filter((x) => x.responsible_role === 'strategist' && (x.agreement_id === agreementA.id || !x.agreement_id)),
    'bo@example.org': rows.filter((x) => x.responsible_role === 'strategist' && (x.agreement_id === agreementB.id || !x.agreement_id)),
    'direktor@example.org': rows.filter((x) => x.responsible_role === 'deputy_director'),
    'jurist@example.org': rows.filter((x) => x.responsible_role === 'lawyer'),
  };
  // carl stands in for anna from 2025-09-01 to 2025-10-10: her tasks due in that period
  own['carl@example.org'] = own['anna@example.org'].filter((x) => x.due >= '2025-09-01' && x.due <= '2025-10-10')
    .map((x) => ({ ...x, behalf: 'anna@example.org' }));
  for (const k of Object.keys(own)) if (own[k].length === 0) delete own[k];
  return own;
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'direktor@example.org', 'deputy_director');
      addUser(db, 'anna@example.org', 'strategist');
      addUser(db, 'bo@example.org', 'strategist');
      addUser(db, 'jurist@example.org', 'lawyer');
      addUser(db, 'carl@example.org', 'case_worker');
      addUser(db, 'lasare@example.org', 'reader');
    },
  });
  const director = new Client(server.url);
  assert.equal((await director.login('direktor@example.org')).status, 303);
  users = await userIds(director);
  const orgA = await createOrg(director, { name: 'Hemtjänst i Lunda AB', org_nr: orgNr(991) });
  const orgB = await createOrg(director, { name: 'Norrby Omsorg AB', org_nr: orgNr(992) });
  agreementA = await createAgreement(director, {
    case_ref: 'SN 2025/0030', title: 'Kundval hemtjänst, Lunda', form: 'lov', service_area: 'home_care',
    organisation_id: orgA.id, start: '2025-01-10', end: '2027-01-09', strategist_id: Number(users['anna@example.org']),
  });
  agreementB = await createAgreement(director, {
    case_ref: 'SN 2025/0031', title: 'Kundval hemtjänst, Norrby', form: 'lov', service_area: 'home_care',
    organisation_id: orgB.id, start: '2025-03-01', end: '2027-02-28', strategist_id: Number(users['bo@example.org']),
  });
  const sub = await director.post('/ersattare', {
    user_id: users['anna@example.org'], substitute_id: users['carl@example.org'], from: '2025-09-01', to: '2025-10-10',
  });
  assert.equal(sub.status, 303);
  box = mailbox(server.dir);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('one message per responsible person, listing overdue and upcoming follow-ups', () => {
  const r = remind(['--days', String(DAYS), '--sendmail', box.ok]);
  assert.equal(r.code, 0, r.stderr);
  const want = expectedTasks();
  assert.ok(want['anna@example.org'] && want['direktor@example.org'] && want['carl@example.org'], JSON.stringify(Object.keys(want)));
  const mails = messages(box.file);
  assert.deepEqual(mails.map((m) => m.headers.to).sort(), Object.keys(want).sort(), 'one message per person');
  assert.match(r.stdout, new RegExp(`Påminnelser per ${TODAY}: ${mails.length} personer .* ${mails.length} skickade, 0 misslyckades`));
  for (const m of mails) {
    const to = m.headers.to;
    const tasks = want[to];
    assert.equal(m.headers.from, 'insyn@localhost');
    assert.equal(m.headers['mime-version'], '1.0');
    assert.equal(m.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(m.headers.rawSubject, /^=\?UTF-8\?B\?/, 'the Swedish subject is RFC 2047 encoded');
    assert.ok(/^[\x20-\x7e\n\t]*$/.test(m.raw.slice(0, m.raw.indexOf('\n\n'))), 'headers are ASCII');
    const overdue = tasks.filter((x) => x.due < TODAY).length;
    const upcoming = tasks.length - overdue;
    assert.match(m.headers.subject, /^Påminnelse från insyn: /);
    if (overdue) assert.equal(m.headers.subject, `Påminnelse från insyn: ${overdue} försenade och ${upcoming} kommande uppföljningar`);
    const lines = m.body.split('\n').filter((l) => /^- \d{4}-\d\d-\d\d  /.test(l));
    assert.equal(lines.length, tasks.length, `${to}: ${m.body}`);
    for (const t of tasks) assert.ok(lines.includes(`- ${t.due}  ${t.activity}`), `${to}: ${t.due} ${t.activity}`);
    if (overdue) assert.match(m.body, new RegExp(`Försenade \\(${overdue}\\):`));
    if (upcoming) assert.match(m.body, new RegExp(`Kommande \\(${upcoming}\\):`));
    const marked = (m.body.match(/Som ersättare för anna@example\.org/g) ?? []).length;
    assert.equal(marked, tasks.filter((x) => x.behalf).length, `${to}: stood-in tasks are marked`);
  }
  const anna = mails.find((m) => m.headers.to === 'anna@example.org');
  assert.match(anna.body, /SN 2025\/0030 Kundval hemtjänst, Lunda, Hemtjänst i Lunda AB/);
  assert.match(anna.body, /- 2025-07-10  Avtalsuppföljning första året/, 'an overdue one');
  assert.match(anna.body, /- 2025-10-10  Avtalsuppföljning första året/, 'an upcoming one');
  assert.ok(!mails.some((m) => m.headers.to === 'lasare@example.org'), 'nobody without tasks gets mail');
});

test('the command comes from INSYN_SENDMAIL and the sender from --from', () => {
  rmSync(box.file, { force: true });
  const r = remind(['--from', 'uppfoljning@kommun.example'], { INSYN_SENDMAIL: box.ok });
  assert.equal(r.code, 0, r.stderr);
  const mails = messages(box.file);
  assert.ok(mails.length >= 3);
  assert.ok(mails.every((m) => m.headers.from === 'uppfoljning@kommun.example'));
});

test('a failing command gives exit 2 and names whose message was not handed over', () => {
  const r = remind(['--sendmail', box.fail]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /anna@example\.org: .*fail\.sh avslutades med felkod 1/);
  assert.match(r.stdout, / 0 skickade, \d+ misslyckades/);

  rmSync(box.file, { force: true });
  const picky = remind(['--sendmail', box.refusing('bo@example.org')]);
  assert.equal(picky.code, 2);
  assert.match(picky.stderr, /bo@example\.org: .*felkod 75/);
  assert.ok(!/anna@example\.org/.test(picky.stderr));
  assert.ok(messages(box.file).some((m) => m.headers.to === 'anna@example.org'), 'the others still get theirs');

  const missing = remind(['--sendmail', join(server.dir, 'no-such-sendmail')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /kunde inte köra/);
});

test('bad input exits 1', () => {
  assert.equal(remind(['--days', 'sju']).code, 1);
  const bad = spawnSync(BIN, ['remind', server.db, '--today', '2025-13-01'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /ÅÅÅÅ-MM-DD/);
  assert.equal(spawnSync(BIN, ['remind'], { encoding: 'utf8' }).status, 1);
  assert.equal(remind(['--from', 'inte en adress']).code, 1);
  const help = spawnSync(BIN, ['remind', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--sendmail/);
});
