// calendar.test.mjs — calendar links: a person's follow-ups and an agreement's as iCalendar
// feeds behind a secret URL, read by an independent parser (Debian's python3-icalendar) and
// compared with `insyn schedule`; revoking, unknown tokens and the provider scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { sqlJson } from '../lib/sql.mjs';
import { orgNr, createOrg, createAgreement, stockholmDate } from './fixtures.mjs';

let server, director, anna, bo, provider, agreementA, agreementB, orgB;

// Debian's interpreter, which has python3-icalendar; `python3` on PATH may be another one.
const PARSE = `
import sys, json
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
out = {'name': str(cal.get('X-WR-CALNAME')), 'events': []}
for e in cal.walk('VEVENT'):
    out['events'].append({'uid': str(e.get('UID')), 'date': e.decoded('DTSTART').isoformat(),
        'end': e.decoded('DTEND').isoformat(), 'summary': str(e.get('SUMMARY')),
        'description': str(e.get('DESCRIPTION')), 'status': str(e.get('STATUS')),
        'url': str(e.get('URL')) if e.get('URL') is not None else None})
print(json.dumps(out))
`;
function parseIcs(text) {
  const r = spawnSync('/usr/bin/python3', ['-c', PARSE], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `python3-icalendar: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function schedule(args = []) {
  const r = cli(['schedule', server.db, '--format', 'json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// What a feed should hold for these schedule rows, in the feed's terms.
function expected(rows) {
  return rows.map((r) => ({
    uid: `followup-${r.id}@insyn`, date: r.due,
    summary: r.organisation ? `${r.activity} – ${r.organisation}` : r.activity,
  })).sort((x, y) => x.uid.localeCompare(y.uid));
}
function seen(feed) {
  return feed.events.map(({ uid, date, summary }) => ({ uid, date, summary })).sort((x, y) => x.uid.localeCompare(y.uid));
}

function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// Makes a link through the page; returns its path (/kalender/TOKEN.ics).
async function makeLink(client, fields) {
  const res = await client.post('/kalender', fields);
  assert.equal(res.status, 200, res.text);
  const m = res.text.match(/value="(http:\/\/127\.0\.0\.1:\d+)(\/kalender\/[0-9a-f]{64}\.ics)"/);
  assert.ok(m, 'the page shows the new link once');
  assert.equal(m[1], server.url, 'the link is built from the Host header');
  return m[2];
}

async function fetchFeed(path) {
  const res = await fetch(server.url + path); // no cookies: a calendar program
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

async function userIds(client) {
  const page = await client.get('/ersattare');
  const ids = {};
  for (const m of page.text.matchAll(/<option value="(\d+)">([^<(]+) \(/g)) ids[m[2].trim()] = m[1];
  return ids;
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'direktor@example.org', 'deputy_director');
      addUser(db, 'anna@example.org', 'strategist');
      addUser(db, 'bo@example.org', 'strategist');
    },
  });
  director = new Client(server.url);
  anna = new Client(server.url);
  bo = new Client(server.url);
  for (const [c, e] of [[director, 'direktor'], [anna, 'anna'], [bo, 'bo']])
    assert.equal((await c.login(`${e}@example.org`)).status, 303);
  const users = await userIds(director);
  const orgA = await createOrg(director, { name: 'Hemtjänst i Lunda AB', org_nr: orgNr(881) });
  orgB = await createOrg(director, { name: 'Omsorg, Vård & Co AB', org_nr: orgNr(882) });
  agreementA = await createAgreement(director, {
    case_ref: 'SN 2026/0020', title: 'Kundval hemtjänst, Lunda', form: 'lov', service_area: 'home_care',
    organisation_id: orgA.id, start: stockholmDate(-10), end: stockholmDate(26), strategist_id: Number(users['anna@example.org']),
  });
  agreementB = await createAgreement(director, {
    case_ref: 'SN 2026/0021', title: 'Kundval hemtjänst, Norrby', form: 'lov', service_area: 'home_care',
    organisation_id: orgB.id, start: stockholmDate(-10), end: stockholmDate(26), strategist_id: Number(users['bo@example.org']),
  });
  addUser(server.db, 'utforare@example.org', 'provider_user', orgB.org_nr);
  provider = new Client(server.url);
  assert.equal((await provider.login('utforare@example.org')).status, 303);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('a person\'s feed has the follow-ups of Mina uppgifter over the coming year', async () => {
  const page = await anna.get('/kalender');
  assert.equal(page.status, 200);
  assert.match(page.text, /Skapa ny länk/);
  assert.match(page.text, /<label for="agreement_id">/);
  assert.ok((page.text.match(/name="csrf" value="[0-9a-f]{64}"/g) ?? []).length >= 2, 'a CSRF token in every form');
  const tasks = await anna.get('/mina-uppgifter');
  assert.match(tasks.text, /href="\/kalender"/);
  const noCsrf = await anna.post('/kalender', { kind: 'person' }, { csrf: false });
  assert.equal(noCsrf.status, 403);

  // `insyn schedule` regenerates the system-level tasks: run it before the feed is read
  const limit = addDays(stockholmDate(0), 366);
  const want = expected(schedule().filter((r) => r.responsible_role === 'strategist' && r.status !== 'done' &&
    r.due <= limit && (r.agreement_id === agreementA.id || !r.agreement_id)));
  assert.ok(want.length >= 4, 'anna has follow-ups');

  const path = await makeLink(anna, { kind: 'person' });
  const feed = await fetchFeed(path);
  assert.equal(feed.status, 200);
  assert.equal(feed.type, 'text/calendar; charset=utf-8');
  assert.match(feed.text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(feed.text, /DTSTART;VALUE=DATE:\d{8}\r\n/);
  const parsed = parseIcs(feed.text);
  assert.match(parsed.name, /anna@example\.org/);
  assert.deepEqual(seen(parsed), want);
  const e = parsed.events.find((x) => x.summary.includes('Hemtjänst i Lunda AB'));
  assert.match(e.description, /Avtal: SN 2026\/0020, Kundval hemtjänst, Lunda/);
  assert.match(e.description, /Ansvarig: /);
  assert.equal(e.status, 'CONFIRMED');
  assert.equal(e.end, addDays(e.date, 1), 'an all-day event');
  assert.equal(e.url, `${server.url}/avtal/${agreementA.id}`);
  // the page lists the link, without showing the secret again
  const listed = await anna.get('/kalender');
  assert.match(listed.text, /Du har en aktiv länk/);
  assert.ok(!listed.text.includes(path), 'the secret is shown only once');
});

test('an agreement\'s feed has all its follow-ups, as insyn schedule lists them', async () => {
  const want = expected(schedule(['--agreement', 'SN 2026/0020']));
  assert.ok(want.length > 10);
  const path = await makeLink(anna, { kind: 'agreement', agreement_id: String(agreementA.id) });
  const feed = await fetchFeed(path);
  assert.equal(feed.status, 200);
  assert.equal(feed.type, 'text/calendar; charset=utf-8');
  const parsed = parseIcs(feed.text);
  assert.equal(parsed.name, 'insyn: SN 2026/0020 Kundval hemtjänst, Lunda');
  assert.deepEqual(seen(parsed), want);
  assert.ok(parsed.events.every((x) => /Avtal: SN 2026\/0020/.test(x.description) && /Ansvarig: /.test(x.description)));
  const page = await anna.get('/kalender');
  assert.match(page.text, /SN 2026\/0020/);
});

test('revoking a link makes it 404 at once; a new link replaces the old one', async () => {
  const first = await makeLink(anna, { kind: 'agreement', agreement_id: String(agreementA.id) });
  assert.equal((await fetchFeed(first)).status, 200);
  const second = await makeLink(anna, { kind: 'agreement', agreement_id: String(agreementA.id) });
  assert.equal((await fetchFeed(first)).status, 404, 'the replaced link no longer works');
  assert.equal((await fetchFeed(second)).status, 200);

  const page = await anna.get('/kalender');
  const ids = [...page.text.matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 2, 'her own feed and one agreement feed');
  const agreementFeedId = ids[1];
  const other = await bo.post('/kalender/aterkalla', { id: agreementFeedId });
  assert.equal(other.status, 404, 'nobody else can revoke it');
  assert.equal((await fetchFeed(second)).status, 200);
  const res = await anna.post('/kalender/aterkalla', { id: agreementFeedId });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/kalender?aterkallad=1');
  assert.equal((await fetchFeed(second)).status, 404);
  const again = await anna.post('/kalender/aterkalla', { id: agreementFeedId });
  assert.equal(again.status, 404);
  const empty = await anna.post('/kalender/aterkalla', {});
  assert.equal(empty.status, 422);

  // both were audited
  const audit = cli(['audit', 'verify', server.db]);
  assert.equal(audit.code, 0, audit.stdout);
  const rows = sqlJson(server.db, "SELECT action, count(*) AS n FROM audit WHERE entity = 'calendar_feed' GROUP BY action ORDER BY action");
  const counts = Object.fromEntries(rows.map((x) => [x.action, x.n]));
  assert.equal(counts.create, 4);
  assert.equal(counts.revoke, 1);
});

test('unknown and malformed tokens are 404, without a login', async () => {
  assert.equal((await fetchFeed(`/kalender/${'0'.repeat(64)}.ics`)).status, 404);
  assert.equal((await fetchFeed(`/kalender/${'A'.repeat(64)}.ics`)).status, 404);
  assert.equal((await fetchFeed('/kalender/abc.ics')).status, 404);
  assert.equal((await fetchFeed(`/kalender/${'0'.repeat(64)}`)).status, 404);
});

test('a provider user makes feeds only for its own organisation\'s agreements', async () => {
  const refused = await provider.post('/kalender', { kind: 'agreement', agreement_id: String(agreementA.id) });
  assert.equal(refused.status, 404, 'another organisation\'s agreement is not found');
  const personal = await provider.post('/kalender', { kind: 'person' });
  assert.equal(personal.status, 403, 'a provider has no Mina uppgifter');
  const page = await provider.get('/kalender');
  assert.equal(page.status, 200);
  assert.ok(!/name="kind" value="person"/.test(page.text));
  const path = await makeLink(provider, { kind: 'agreement', agreement_id: String(agreementB.id) });
  const parsed = parseIcs((await fetchFeed(path)).text);
  assert.deepEqual(seen(parsed), expected(schedule(['--agreement', 'SN 2026/0021'])));
  assert.ok(parsed.events.every((x) => x.summary.endsWith('– Omsorg, Vård & Co AB')));
});
