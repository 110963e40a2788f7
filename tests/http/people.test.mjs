// people.test.mjs — who answers for a follow-up: Mina uppgifter per person, substitutes for
// a period, overdue follow-ups on the overview, and routines edited in the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement, stockholmDate } from './fixtures.mjs';

let server, director, anna, bo, lawyer, users;

// The user ids of the test users, read from the form's select.
async function userIds(client) {
  const page = await client.get('/ersattare');
  const ids = {};
  for (const m of page.text.matchAll(/<option value="(\d+)">([^<(]+) \(/g)) ids[m[2].trim()] = m[1];
  return ids;
}

function rowsOf(html) {
  return [...html.matchAll(/<tr[^>]*>\s*<td class="date">([0-9-]+)<\/td>([\s\S]*?)<\/tr>/g)].map((m) => ({ due: m[1], text: m[2] }));
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'direktor@example.org', 'deputy_director');
      addUser(db, 'anna@example.org', 'strategist');
      addUser(db, 'bo@example.org', 'strategist');
      addUser(db, 'jurist@example.org', 'lawyer');
    },
  });
  director = new Client(server.url);
  anna = new Client(server.url);
  bo = new Client(server.url);
  lawyer = new Client(server.url);
  for (const [c, e] of [[director, 'direktor'], [anna, 'anna'], [bo, 'bo'], [lawyer, 'jurist']])
    assert.equal((await c.login(`${e}@example.org`)).status, 303);
  users = await userIds(director);
  const org = await createOrg(director, { name: 'Hemtjänst i Lunda AB', org_nr: orgNr(777) });
  // started 10 months ago: first-year follow-ups every quarter, some overdue, one coming
  await createAgreement(director, {
    case_ref: 'SN 2026/0010', title: 'Kundval hemtjänst, Lunda', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: stockholmDate(-10), end: stockholmDate(26), strategist_id: Number(users['anna@example.org']),
  });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('a strategist sees the follow-ups of her own agreements, others do not', async () => {
  const page = await anna.get('/mina-uppgifter');
  assert.equal(page.status, 200);
  const rows = rowsOf(page.text);
  assert.ok(rows.some((r) => /Avtalsuppföljning första året/.test(r.text) && /Försenad/.test(r.text)), 'an overdue follow-up');
  assert.ok(rows.every((r) => r.due <= stockholmDate(1)), 'nothing further ahead than 30 days');
  assert.ok(!rows.some((r) => /Utförarträff/.test(r.text)), 'provider meetings are the deputy director\'s');
  const other = await bo.get('/mina-uppgifter');
  assert.doesNotMatch(other.text, /Kundval hemtjänst, Lunda/, 'another strategist\'s agreement');
  // system-level tasks of the service area are every strategist's
  assert.match(other.text, /Följsamhet till service- och värdighetsgarantier/);
  assert.match(other.text, /Systemnivå/);
  const meetings = await director.get('/mina-uppgifter');
  assert.ok(rowsOf(meetings.text).some((r) => /Utförarträff/.test(r.text)));
});

test('a substitute sees the other person\'s follow-ups due in the period', async () => {
  const bad = await director.post('/ersattare', {
    user_id: users['anna@example.org'], substitute_id: users['anna@example.org'], from: stockholmDate(0), to: stockholmDate(-1),
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /sin egen ersättare/);
  assert.match(bad.text, /kan inte sluta innan den börjar/);
  const refused = await anna.post('/ersattare', { user_id: users['bo@example.org'], substitute_id: users['anna@example.org'], from: '2026-01-01', to: '2026-12-31' });
  assert.equal(refused.status, 403, 'a strategist does not set substitutes');

  const ok = await director.post('/ersattare', {
    user_id: users['anna@example.org'], substitute_id: users['bo@example.org'], from: stockholmDate(-12), to: stockholmDate(1),
  });
  assert.equal(ok.status, 303);
  const list = await director.get('/ersattare');
  assert.match(list.text, /anna@example\.org<\/td><td>bo@example\.org/);
  const page = await bo.get('/mina-uppgifter');
  const rows = rowsOf(page.text);
  const hers = rows.filter((r) => /Kundval hemtjänst, Lunda/.test(r.text));
  assert.ok(hers.length > 0);
  assert.ok(hers.every((r) => /Som ersättare för anna@example\.org/.test(r.text)));
  const ids = rows.map((r) => r.due + r.text);
  assert.equal(new Set(ids).size, ids.length, 'a task shared by both is listed once');
});

test('the overview counts overdue follow-ups per provider and per responsible person', async () => {
  const res = await director.api('GET', '/api/v1/dashboard');
  const d = res.json();
  assert.equal(d.has_overdue, true);
  const org = d.overdue_by_organisation.find((o) => o.name === 'Hemtjänst i Lunda AB');
  assert.ok(org && org.count >= 3, JSON.stringify(d.overdue_by_organisation));
  const person = d.overdue_by_person.find((p) => p.name === 'anna@example.org');
  assert.equal(person.role, 'strategist');
  assert.ok(d.overdue_by_person.some((p) => p.role === 'deputy_director' && p.user_id === 0 && p.name === 'Biträdande socialdirektör'));
  const page = await director.get('/oversikt');
  assert.match(page.text, /Försenade uppföljningar/);
  assert.match(page.text, /Hemtjänst i Lunda AB/);
});

test('a routine\'s activity is edited in the app and the schedules follow', async () => {
  const routine = await director.get('/rutiner/1');
  assert.equal(routine.status, 200);
  assert.match(routine.text, /Kvartalsvis första avtalsåret/);
  assert.match(routine.text, /Halvårsvis från andra avtalsåret; varannan får göras skriftligt/);
  const before = JSON.parse(cli(['schedule', server.db, '--agreement', 'SN 2026/0010', '--format', 'json']).stdout);
  const firstYear = (rows) => rows.filter((r) => r.activity === 'Avtalsuppföljning första året').length;
  assert.equal(firstYear(before), 4);

  const form = await director.get('/aktiviteter/5/andra');
  assert.match(form.text, /value="every:3:0:12"/);
  const bad = await director.post('/aktiviteter/5', { name: '', level: 'provider', responsible_role: 'provider_user', frequency: 'varje vecka' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Aktivitet måste anges/);
  assert.match(bad.text, /förvaltningens roller/);
  assert.match(bad.text, /every:3:0:12/);
  const ok = await director.post('/aktiviteter/5', {
    name: 'Avtalsuppföljning första året', level: 'provider', responsible_role: 'strategist',
    co_roles: ['senior_case_worker', 'lawyer'], frequency: 'every:2:0:12', comment: 'Tätare första året.',
  });
  assert.equal(ok.status, 303);
  const after = JSON.parse(cli(['schedule', server.db, '--agreement', 'SN 2026/0010', '--format', 'json']).stdout);
  assert.equal(firstYear(after), 6, 'every second month during the first year');
  const refused = await anna.post('/aktiviteter/5', { name: 'x', level: 'provider', responsible_role: 'strategist', frequency: 'every:12' });
  assert.equal(refused.status, 403, 'a strategist does not edit routines');
  // audited
  const audit = cli(['audit', 'verify', server.db]);
  assert.equal(audit.code, 0, audit.stdout);
});
