// application_cli.test.mjs — the LOV applications on the command line: `insyn applications`
// listing what the API lists (JSON, CSV and a table with the average processing time), its
// --status filter and its refusal of an unknown status, `insyn remind` telling the responsible
// strategist and the committee secretary their application deadlines (with a link when the
// public URL is known), and `insyn demo` making an application in every status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startServer, addUser, Client, cli, BIN, freshDb } from '../lib/harness.mjs';
import { orgNr, stockholmDate } from './fixtures.mjs';
import { mailbox, messages } from '../lib/mailbox.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const STATUSES = ['received', 'awaiting_supplements', 'in_review', 'to_committee', 'approved', 'rejected',
  'onboarding', 'onboarded', 'withdrawn'];
const CSV_HEADER = 'id,org_nr,name,service_area,personal_care,received,complete_on,status,supplement_request_due,'
  + 'supplement_due,decision_due,decided_on,outcome,announced_on,legal_force_on,agreement_meeting_due,signed_on,'
  + 'days_open,days_processing,responsible_name';
const TODAY = stockholmDate();

// The day `n` days from today (before it when negative), YYYY-MM-DD.
function day(n) {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

let server, anna, box;
const apps = {}; // by letter: the API's view after the last change

function applications(db, ...args) {
  return cli(['applications', db, ...args]);
}

function listJson(db, ...args) {
  const r = applications(db, '--format', 'json', ...args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

function remind(db, args, env = {}) {
  const clean = { ...process.env, ...env };
  if (!('INSYN_PUBLIC_URL' in env)) delete clean.INSYN_PUBLIC_URL;
  const r = spawnSync(BIN, ['remind', db, ...args], { encoding: 'utf8', env: clean, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function create(client, fields) {
  const res = await client.api('POST', '/api/v1/applications', {
    service_area: 'home_care', personal_care: 'nej', attachments: 'Ansökningsformulär', operations_manager: 'Eva Ek',
    ...fields,
  });
  assert.equal(res.status, 201, res.text);
  return res.json();
}

async function step(client, id, fields) {
  const res = await client.api('POST', `/api/v1/applications/${id}/steps`, fields);
  assert.equal(res.status, 200, res.text);
  return res.json();
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'anna@example.org', 'strategist');
      addUser(db, 'direktor@example.org', 'deputy_director');
      addUser(db, 'sekreterare@example.org', 'committee_secretary');
      addUser(db, 'lasare@example.org', 'reader');
    },
  });
  anna = new Client(server.url);
  assert.equal((await anna.login('anna@example.org')).status, 303);
  // A: received three days ago
  apps.a = await create(anna, { org_nr: orgNr(7101), name: 'Blåsippans Hemtjänst AB', received: day(-3) });
  // B: supplements asked for 20 days ago, due six days ago
  apps.b = await create(anna, { org_nr: orgNr(7102), name: 'Solrosen Omsorg AB', received: day(-30) });
  apps.b = await step(anna, apps.b.id, {
    step: 'supplements', requested_on: day(-20), request: 'Meritförteckning för verksamhetsansvarig.',
  });
  // C: complete ten days ago
  apps.c = await create(anna, { org_nr: orgNr(7103), name: 'Vitsippans Omsorg AB', received: day(-20) });
  apps.c = await step(anna, apps.c.id, { step: 'supplements', complete_on: day(-10) });
  // D: complete 30 days ago, rejected by the committee 5 days ago, not yet announced
  apps.d = await create(anna, { org_nr: orgNr(7104), name: 'Rönnbärets Omsorg AB', received: day(-40) });
  await step(anna, apps.d.id, { step: 'supplements', complete_on: day(-30) });
  const director = new Client(server.url);
  assert.equal((await director.login('direktor@example.org')).status, 303);
  const decided = await director.api('POST', `/api/v1/applications/${apps.d.id}/decision`, {
    outcome: 'reject', decided_on: day(-5), paragraph: '§ 12', reason: 'Ledningssystemet uppfyller inte kraven.',
  });
  assert.equal(decided.status, 200, decided.text);
  apps.d = decided.json();
  box = mailbox(server.dir);
});

after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('--format json lists what the API lists, with the status and the clocks', async () => {
  const rows = listJson(server.db);
  const api = await anna.api('GET', '/api/v1/applications');
  assert.equal(api.status, 200, api.text);
  assert.deepEqual(rows, api.json().items, 'the same objects as GET /api/v1/applications');
  assert.deepEqual(rows.map((x) => x.id), [apps.a.id, apps.c.id, apps.b.id, apps.d.id], 'newest received first');
  const by = Object.fromEntries(rows.map((x) => [x.id, x]));
  const a = by[apps.a.id], b = by[apps.b.id], c = by[apps.c.id], d = by[apps.d.id];
  assert.deepEqual(
    { org_nr: a.org_nr, name: a.name, service_area: a.service_area, received: a.received, complete_on: a.complete_on,
      status: a.status, supplement_request_due: a.supplement_request_due, decision_due: a.decision_due, days_open: a.days_open },
    { org_nr: orgNr(7101), name: 'Blåsippans Hemtjänst AB', service_area: 'home_care', received: day(-3), complete_on: null,
      status: 'received', supplement_request_due: day(11), decision_due: null, days_open: 3 },
  );
  assert.equal(b.status, 'awaiting_supplements');
  assert.equal(b.supplement_due, day(-6), 'the applicant has 14 days from the request');
  assert.equal(b.supplement_request_due, null);
  assert.equal(b.days_open, 30);
  assert.equal(c.status, 'in_review');
  assert.equal(c.complete_on, day(-10));
  assert.equal(c.decision_due, day(18), 'four weeks from the complete application');
  assert.equal(d.status, 'rejected');
  assert.equal(d.decided_on, day(-5));
  assert.equal(d.decision_due, null);
  assert.equal(d.days_open, 35, 'counted to the decision');
});

test('--status lists only applications with that status', () => {
  for (const [status, want] of [['awaiting_supplements', ['b']], ['in_review', ['c']], ['rejected', ['d']], ['approved', []]]) {
    const rows = listJson(server.db, '--status', status);
    assert.deepEqual(rows.map((x) => x.id), want.map((k) => apps[k].id), status);
    assert.ok(rows.every((x) => x.status === status));
  }
});

test('an unknown status or format is exit 1 with a message naming the valid ones', () => {
  const r = applications(server.db, '--status', 'pending');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /--status: statusen "pending" finns inte/);
  for (const s of STATUSES) assert.ok(r.stderr.includes(s), `names ${s}: ${r.stderr}`);
  const f = applications(server.db, '--format', 'xml');
  assert.equal(f.code, 1);
  assert.match(f.stderr, /--format ska vara table, csv eller json/);
  assert.equal(cli(['applications']).code, 1, 'no database');
  assert.equal(applications(server.db, '--today', TODAY).code, 1, 'an unknown option');
  const help = cli(['applications', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Användning: insyn applications DB \[--status STATUS\] \[--format table\|csv\|json\]/);
});

test('--db DB names the database as the first argument does, wherever it stands', () => {
  const positional = applications(server.db, '--format', 'csv');
  assert.equal(positional.code, 0, positional.stderr);
  for (const args of [['applications', '--db', server.db, '--format', 'csv'], ['applications', '--format', 'csv', '--db', server.db]]) {
    const r = cli(args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, positional.stdout);
  }
  const both = cli(['audit', 'verify', '--db', server.db]);
  assert.equal(both.code, 0, both.stderr);
  assert.match(both.stdout, /Granskningsloggen är hel/);
});

test('--format csv: a header row with the JSON keys, then one row per application', () => {
  const r = applications(server.db, '--format', 'csv');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\r\n');
  assert.equal(lines.pop(), '', 'every row ends with CRLF');
  assert.equal(lines[0], CSV_HEADER);
  const keys = lines[0].split(',');
  const json = listJson(server.db);
  assert.equal(lines.length, 1 + json.length);
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
  for (const [i, row] of rows.entries()) {
    for (const k of keys) {
      const v = json[i][k];
      assert.equal(row[k], v === null ? '' : String(v), `row ${i + 1}, ${k}`);
    }
  }
  const only = applications(server.db, '--format', 'csv', '--status', 'in_review').stdout.split('\r\n');
  assert.deepEqual(only.slice(0, 1), [CSV_HEADER]);
  assert.equal(only.length, 3);
  assert.match(only[1], new RegExp(`^${apps.c.id},${orgNr(7103)},Vitsippans Omsorg AB,home_care,false,${day(-20)},${day(-10)},in_review,`));
});

test('the table has Swedish columns and ends with the average processing time', () => {
  const r = applications(server.db);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^Org\.nr\s+Utförare\s+Område\s+Inkom\s+Komplett\s+Status\s+Dagar$/);
  const row = lines.find((l) => l.startsWith(orgNr(7102)));
  assert.match(row, new RegExp(`^${orgNr(7102)}\\s+Solrosen Omsorg AB\\s+Hemtjänst\\s+${day(-30)}\\s+–\\s+Väntar på komplettering\\s+30$`));
  assert.match(lines.find((l) => l.startsWith(orgNr(7104))), new RegExp(`${day(-40)}\\s+${day(-30)}\\s+Avslagen\\s+35$`));
  // columns line up: every row's status starts where the heading's does
  const at = lines[0].indexOf('Status');
  for (const l of lines.slice(1, 5)) assert.match(l.slice(at), /^(Inkommen|Väntar|Under|Avslagen)/, l);
  assert.equal(lines.at(-1),
    'Genomsnittlig handläggningstid (1 beslutad ansökan): 25,0 dagar från komplett ansökan till beslut, '
    + '35,0 dagar från inkommen ansökan till beslut.');
  const none = applications(server.db, '--status', 'in_review').stdout.trimEnd().split('\n');
  assert.equal(none.at(-1), 'Genomsnittlig handläggningstid: ingen av ansökningarna är beslutad ännu.');
  const empty = applications(server.db, '--status', 'onboarded');
  assert.equal(empty.code, 0);
  assert.match(empty.stdout, /Inga ansökningar matchar\.\n$/);
});

test('insyn remind tells the responsible strategist and the committee secretary their application deadlines', () => {
  rmSync(box.file, { force: true });
  const r = remind(server.db, ['--days', '7', '--public-url', 'https://insyn.example/', '--sendmail', box.ok]);
  assert.equal(r.code, 0, r.stderr);
  const mails = messages(box.file);
  const to = (who) => mails.find((m) => m.headers.to === who);
  const strategist = to('anna@example.org');
  assert.ok(strategist, mails.map((m) => m.headers.to).join(', '));
  const body = strategist.body;
  assert.match(body, /Ansökningar och introduktion av nya utförare \(LOV\), försenade \(1\):\n/);
  assert.ok(body.includes(`- ${day(-6)}  Kompletteringen ska ha kommit in\n  Sökande: Solrosen Omsorg AB\n`
    + `  https://insyn.example/ansokningar/${apps.b.id}\n`), body);
  // A's request for supplements is due in 11 days and C's decision in 18: outside the window
  assert.ok(!body.includes('Blåsippans'), 'nothing due after the window');
  assert.ok(!body.includes('Vitsippans'));
  assert.ok(!body.includes('Rönnbärets'), 'a decided application has no clock for the strategist');
  // the committee secretary has no follow-ups, only the decision to announce
  const schedule = cli(['schedule', server.db, '--format', 'json']);
  assert.ok(!JSON.parse(schedule.stdout).some((x) => x.responsible_role === 'committee_secretary'));
  const secretary = to('sekreterare@example.org');
  assert.ok(secretary, 'a person with only application deadlines gets a message');
  assert.equal(secretary.headers.subject, 'Påminnelse från insyn: 1 försenad uppgift');
  assert.ok(secretary.body.includes(`- ${day(-5)}  Meddela sökande socialnämndens beslut\n  Sökande: Rönnbärets Omsorg AB\n`
    + `  https://insyn.example/ansokningar/${apps.d.id}\n`), secretary.body);
  assert.ok(!/^(Försenade|Kommande) \(/m.test(secretary.body), 'no follow-up section');
  assert.match(secretary.body, /Det här är uppgifterna i ansökningar om att bli utförare \(LOV\) i insyn/);
  assert.ok(!to('lasare@example.org'), 'nobody without tasks gets mail');
  // the counts: every application line in the mails, and the people
  const appLines = mails.reduce((n, m) => n + (m.body.match(/^  (Sökande|Utförare): /gm) ?? []).length, 0);
  assert.equal(appLines, 2);
  assert.match(r.stdout, new RegExp(`Påminnelser per ${TODAY}: ${mails.length} personer med \\d+ uppgifter inom 7 dagar `
    + `\\(\\d+ uppföljningar och ${appLines} i ansökningar om att bli utförare\\); ${mails.length} skickade, 0 misslyckades`));

  // a wider window takes in A's request for supplements; no public URL, no link
  rmSync(box.file, { force: true });
  const wide = remind(server.db, ['--days', '14', '--sendmail', box.ok]);
  assert.equal(wide.code, 0, wide.stderr);
  const annas = messages(box.file).find((m) => m.headers.to === 'anna@example.org').body;
  assert.match(annas, /Ansökningar och introduktion av nya utförare \(LOV\), kommande \(1\):\n/);
  assert.ok(annas.includes(`- ${day(11)}  Granska ansökan och begär eventuella kompletteringar\n  Sökande: Blåsippans Hemtjänst AB\n`), annas);
  assert.ok(!annas.includes('/ansokningar/'), 'no link without a public URL');
});

test('insyn demo makes applications in every status, and the demo reminds its strategist', async () => {
  const { db, dir, cleanup } = await freshDb('demo.db');
  try {
    const made = cli(['demo', db]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /ansokan@solrosen\.example/, 'the applicant\'s account is listed');
    const rows = listJson(db);
    assert.deepEqual([...new Set(rows.map((x) => x.status))].sort(), [...STATUSES].sort());
    const of = (status) => rows.filter((x) => x.status === status);
    // dated from today: the demo always looks current
    assert.ok(of('received').every((x) => x.days_open <= 7));
    const waiting = of('awaiting_supplements')[0];
    assert.ok(waiting.supplement_due < TODAY, 'past its deadline');
    const [onboarding] = of('onboarding');
    assert.ok(onboarding.signed_on && onboarding.agreement_id, 'signed');
    assert.ok(onboarding.announced_on < day(-21), 'announced more than three weeks ago');
    const [approved] = of('approved');
    assert.ok(approved.legal_force_on > TODAY, 'not yet in legal force');
    assert.ok(of('rejected')[0].announced_on, 'the rejection is announced');
    assert.ok(of('to_committee')[0].decision_due >= TODAY);
    // the signed application's agreement belongs to the home-care customer-choice system
    const agreements = JSON.parse(cli(['export', 'agreements', db, '--format', 'json']).stdout);
    const signed = agreements.find((g) => g.id === onboarding.agreement_id);
    assert.equal(signed.case_ref, 'SN 2020/0233');
    assert.equal(signed.form, 'lov');

    const demoBox = mailbox(dir);
    const r = remind(db, ['--sendmail', demoBox.ok]);
    assert.equal(r.code, 0, r.stderr);
    const strategist = messages(demoBox.file).find((m) => m.headers.to === 'strateg@sjobacka.example');
    assert.ok(strategist.body.includes(`- ${waiting.supplement_due}  Kompletteringen ska ha kommit in\n  Sökande: ${waiting.name}\n`),
      strategist.body);
    // the open introduction items are due 30 days after the signing, within two weeks
    const itemsDue = new Date(`${onboarding.signed_on}T12:00:00Z`);
    itemsDue.setUTCDate(itemsDue.getUTCDate() + 30);
    const due = itemsDue.toISOString().slice(0, 10);
    assert.ok(due > day(7) && due <= day(14), due);
    rmSync(demoBox.file, { force: true });
    assert.equal(remind(db, ['--days', '14', '--sendmail', demoBox.ok]).code, 0);
    const wider = messages(demoBox.file).find((m) => m.headers.to === 'strateg@sjobacka.example').body;
    assert.ok(wider.includes(`- ${due}  Träff med arkivarie\n  Utförare: ${onboarding.name}\n`), wider);
  } finally {
    cleanup();
  }
});

test('the demo applicant can log in to the portal', async () => {
  const demo = await startServer({ demo: true });
  try {
    const c = new Client(demo.url);
    assert.equal((await c.login('ansokan@solrosen.example', DEMO_PASSWORD)).status, 303);
  } finally {
    assert.equal((await demo.stop()).code, 0);
  }
});
