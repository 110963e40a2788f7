// robustness.test.mjs — defects found by trying the server as an attacker would: bytes that
// are not text, links that a request header chose, stale cached totals, schedules that kept
// what they should have dropped, and what a user is told when the database fails. (Reads
// torn by a concurrent write are tested deterministically in tests/unit/test_store_reads.c.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { sqlRun } from '../lib/sql.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, strateg, director;

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'direktor@example.org', 'deputy_director');
    },
  });
  strateg = new Client(server.url);
  director = new Client(server.url);
  assert.equal((await strateg.login('strateg@example.org')).status, 303);
  assert.equal((await director.login('direktor@example.org')).status, 303);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

// A form posted with raw bytes, as a browser never would but anyone else can.
function postRaw(client, path, body) {
  return client.request('POST', path, {
    body: Buffer.from(body, 'latin1'),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

async function alive() {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200, 'the server still answers');
}

test('invalid UTF-8 in a form field is refused with 400 naming the field, and the server lives on', async () => {
  // This request once killed the server for everyone.
  const res = await postRaw(strateg, '/kalender?avtal=1', `csrf=${strateg.csrf}&kind=x&agreement_id=%FF`);
  assert.equal(res.status, 400);
  assert.match(res.text, /Fältet ”agreement_id” innehåller tecken som inte är giltig text/);
  await alive();
  // a UTF-16 surrogate (ED A0 80) and a code point above U+10FFFF (F4 90 80 80) are not text either
  for (const bad of ['%ED%A0%80', '%F4%90%80%80', '%C0%AF']) {
    const org = await postRaw(strateg, '/utforare',
      `csrf=${strateg.csrf}&name=Ok%C3%A4nd${bad}+AB&org_nr=${orgNr(7001)}&kind=private`);
    assert.equal(org.status, 400, bad);
    assert.match(org.text, /Fältet ”name”/, bad);
  }
  assert.doesNotMatch((await strateg.get('/utforare')).text, /Okänd/, 'nothing was stored');
  await alive();
});

test('invalid UTF-8 in the address answers 400, never a half-rendered page', async () => {
  const login = await new Client(server.url).get('/login?next=/%FF');
  assert.equal(login.status, 400);
  assert.match(login.text, /Fältet ”next”/);
  const list = await strateg.get('/avtal?q=%FF');
  assert.equal(list.status, 400);
  assert.match(list.text, /Fältet ”q”/);
  const api = await strateg.api('GET', '/api/v1/agreements?q=%ED%A0%80');
  assert.equal(api.status, 400);
  assert.equal(api.json().errors[0].field, 'q');
  // well-formed text in the same places works as before
  assert.equal((await new Client(server.url).get('/login?next=/avtal%3Fq%3D%C3%B6')).status, 200);
  assert.equal((await strateg.get('/avtal?q=%C3%B6')).status, 200);
});

test('a JSON body with a lone surrogate is refused and nothing is stored', async () => {
  for (const body of ['{"name":"Sur\\ud800rogat AB","org_nr":"556677-8899","kind":"private"}',
    Buffer.concat([Buffer.from('{"name":"Sur'), Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('rogat AB","org_nr":"556677-8899","kind":"private"}')])]) {
    const res = await strateg.request('POST', '/api/v1/organisations', {
      body, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': strateg.csrf },
    });
    assert.equal(res.status, 400, res.text);
  }
  const list = await strateg.api('GET', '/api/v1/organisations?q=rogat');
  assert.equal(list.json().total, 0);
});

test('an import file with a surrogate in a name is refused whole, naming the line', () => {
  const file = join(server.dir, 'surrogat.csv');
  writeFileSync(file, Buffer.concat([
    Buffer.from(`name,org_nr,kind\nBra AB,${orgNr(7101)},private\nSur`),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from(`rogat AB,${orgNr(7102)},private\n`),
  ]));
  const res = cli(['import', 'organisations', server.db, file]);
  assert.equal(res.code, 1, res.stderr);
  assert.match(res.stderr, /rad 3/);
  assert.doesNotMatch(cli(['export', 'agreements', server.db, '--format', 'csv']).stdout, /Bra AB/);
});

test('a file name with bidirectional controls is refused; one with a surrogate never arrives', async () => {
  const org = await createOrg(strateg, { name: 'Bilagans utförare AB', org_nr: orgNr(7201) });
  const agreement = await createAgreement(strateg, {
    case_ref: 'SN 2026/0720', title: 'Bilagor', form: 'lov', service_area: 'home_care', organisation_id: org.id,
    start: '2026-01-01', end: '2028-12-31', requirements: ['Krav'],
  });
  const task = (await strateg.api('GET', `/api/v1/agreements/${agreement.id}/followups`)).json().items[0];
  const draft = await strateg.api('POST', `/api/v1/followups/${task.id}/records`, {
    held_on: '2026-02-01', place: 'digital', attendees_municipality: ['Sara Strateg'], attendees_provider: ['Vera'],
    provider_answers: 'Svar',
  });
  assert.equal(draft.status, 201, draft.text);
  async function upload(nameBytes) {
    const boundary = 'insynrobust';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${strateg.csrf}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      nameBytes,
      Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n--${boundary}--\r\n`),
    ]);
    return strateg.request('POST', `/uppfoljningar/${task.id}/bilagor`, {
      body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  const bidi = await upload(Buffer.from('faktura\u202Efdp.exe', 'utf8'));
  assert.equal(bidi.status, 422, bidi.text);
  assert.match(bidi.text, /vänder skrivriktningen/);
  const surrogate = await upload(Buffer.concat([Buffer.from('a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('.pdf')]));
  assert.equal(surrogate.status, 400, surrogate.text);
  const view = await strateg.get(`/uppfoljningar/${task.id}`);
  assert.doesNotMatch(view.text, /fdp\.exe|\.pdf/, 'no attachment was stored');
});

test('calendar links point to the configured public URL or the listen address, never the Host header', async () => {
  const made = await strateg.request('POST', '/kalender', {
    body: new URLSearchParams({ csrf: strateg.csrf, kind: 'person' }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-Host': 'evil.example', Host: 'evil.example' },
  });
  assert.equal(made.status, 200, made.text);
  assert.doesNotMatch(made.text, /evil\.example/);
  assert.match(made.text, new RegExp(`${server.url.replace(/[.]/g, '\\.')}/kalender/[0-9a-f]{64}\\.ics`));

  const other = await startServer({
    setup: (db) => addUser(db, 'a@example.org', 'strategist'),
    args: ['--public-url', 'https://insyn.sjobacka.se/'],
  });
  try {
    const c = new Client(other.url);
    assert.equal((await c.login('a@example.org')).status, 303);
    const link = await c.request('POST', '/kalender', {
      body: new URLSearchParams({ csrf: c.csrf, kind: 'person' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Host: 'evil.example' },
    });
    assert.match(link.text, /https:\/\/insyn\.sjobacka\.se\/kalender\/[0-9a-f]{64}\.ics/);
    assert.doesNotMatch(link.text, /evil\.example/);
  } finally {
    assert.equal((await other.stop()).code, 0);
  }
  const bad = cli(['serve', '--db', server.db, '--listen', '127.0.0.1:0', '--public-url', 'javascript:alert(1)']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--public-url/);
});

test('a system-level activity changed from monthly to yearly keeps no monthly tasks', async () => {
  const systemTasks = (activity) => {
    const res = cli(['schedule', server.db, '--format', 'json']);
    assert.equal(res.code, 0, res.stderr);
    return JSON.parse(res.stdout).filter((t) => t.activity === activity && t.agreement_id === 0);
  };
  const name = 'Ekonomisk uppföljning av kundval hemtjänst';
  const form = await director.get('/aktiviteter/14/andra');
  assert.match(form.text, new RegExp(name));
  const fields = { name, level: 'system', responsible_role: 'deputy_director', co_roles: 'controller', comment: '' };
  let res = await director.post('/aktiviteter/14', { ...fields, frequency: 'every:1' });
  assert.equal(res.status, 303, res.text);
  const monthly = systemTasks(name);
  assert.ok(monthly.length > 24, `monthly: ${monthly.length}`);
  res = await director.post('/aktiviteter/14', { ...fields, frequency: 'every:12' });
  assert.equal(res.status, 303, res.text);
  const yearly = systemTasks(name);
  assert.ok(yearly.length < monthly.length / 6, `yearly: ${yearly.length} of ${monthly.length}`);
  const days = new Set(yearly.map((t) => t.due.slice(5)));
  assert.equal(days.size, 1, `one day of the year: ${[...days]}`);
});

test('the agreement list counts what it lists, on its first page and on ?page=1', async () => {
  const org = await createOrg(strateg, { name: 'Räknade avtal AB', org_nr: orgNr(7301) });
  for (let i = 0; i < 3; i++)
    await createAgreement(strateg, { case_ref: `SN 2026/073${i}`, title: `Utkast ${i}`, organisation_id: org.id, status: 'draft' });
  await createAgreement(strateg, { case_ref: 'SN 2026/0739', title: 'Gällande', organisation_id: org.id });
  const count = (text) => Number(text.match(/(\d+) avtal<\/p>/)[1]);
  const rows = (text) => (text.match(/<tr>\s*<td><a href="\/avtal\/\d+"/g) || []).length;
  const first = await strateg.get('/avtal');
  const page1 = await strateg.get('/avtal?page=1');
  assert.equal(count(first.text), rows(first.text), 'the first page counts what it lists');
  assert.equal(count(page1.text), rows(page1.text), '?page=1 counts what it lists');
  assert.equal(count(first.text), count(page1.text));
  assert.doesNotMatch(first.text, /Utkast 0/, 'the list opens on agreements in force');
  const all = await strateg.get('/avtal?status=');
  assert.equal(count(all.text), count(first.text) + 3);
});

test('a database failure shows a calm message with an incident number and logs the detail', async () => {
  const r = sqlRun(server.db, 'ALTER TABLE calendar_feed RENAME TO calendar_feed_gone');
  assert.equal(r.code, 0, r.stderr);
  try {
    const page = await strateg.get('/kalender');
    assert.equal(page.status, 500);
    const number = page.text.match(/incidentnummer ([0-9A-F]{6}-[0-9A-F]{3})/);
    assert.ok(number, page.text);
    assert.doesNotMatch(page.text, /sqlite|postgres|no such table|does not exist|Databasfel/i);
    const api = await strateg.api('GET', '/api/v1/dashboard');
    assert.ok(api.status === 200 || api.status === 500);
    await new Promise((ok) => setTimeout(ok, 100));
    const log = server.stderr();
    // each database in its own words
    assert.match(log, new RegExp(`incident ${number[1]}: .*(no such table: calendar_feed|relation "calendar_feed" does not exist)`));
    assert.match(log, /GET \/kalender answered 500/);
  } finally {
    sqlRun(server.db, 'ALTER TABLE calendar_feed_gone RENAME TO calendar_feed');
  }
  assert.equal((await strateg.get('/kalender')).status, 200);
});
