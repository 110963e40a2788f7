// signals.test.mjs — seed 004's continuous follow-up: case workers and others report signals
// about a provider, the coordinators go through them in their meeting, and one serious signal
// or repeated signals make the provider a candidate for event-driven follow-up. Who reported a
// signal is for the reviewers; a provider sees its own signals once reviewed, never who reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createUnit, createAgreement, stockholmDate } from './fixtures.mjs';

let server, admin, caseA, caseB, coordinator, reader, provider, lawyer;
let orgA, orgB, unitA, unitB, agreementA;

const users = {
  admin: 'admin@example.org', caseA: 'anna.socialsekreterare@example.org',
  caseB: 'bo.socialsekreterare@example.org', coordinator: 'samordnare@example.org',
  reader: 'lasare@example.org', provider: 'utforare@example.org', lawyer: 'jurist@example.org',
};

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, users.admin, 'admin') });
  admin = new Client(server.url);
  assert.equal((await admin.login(users.admin)).status, 303);
  orgA = await createOrg(admin, { name: 'Signalens behandlingshem AB', org_nr: orgNr(7101) });
  orgB = await createOrg(admin, { name: 'Annan omsorg AB', org_nr: orgNr(7102) });
  unitA = await createUnit(admin, { organisation_id: orgA.id, name: 'HVB Signalen', service_area: 'hvb_youth' });
  unitB = await createUnit(admin, { organisation_id: orgB.id, name: 'HVB Annan', service_area: 'hvb_youth' });
  agreementA = await createAgreement(admin, {
    case_ref: 'SN 2020/0596', title: 'Ramavtal HVB', form: 'lou_framework', service_area: 'hvb_youth',
    organisation_id: orgA.id, unit_ids: [unitA.id],
  });
  addUser(server.db, users.caseA, 'case_worker');
  addUser(server.db, users.caseB, 'case_worker');
  addUser(server.db, users.coordinator, 'coordinator');
  addUser(server.db, users.reader, 'reader');
  addUser(server.db, users.lawyer, 'lawyer');
  addUser(server.db, users.provider, 'provider_user', orgA.org_nr);
  const login = async (email) => {
    const c = new Client(server.url);
    assert.equal((await c.login(email)).status, 303, email);
    return c;
  };
  [caseA, caseB, coordinator, reader, provider, lawyer] = await Promise.all(
    [users.caseA, users.caseB, users.coordinator, users.reader, users.provider, users.lawyer].map(login));
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const signal = (extra = {}) => ({
  org_nr: orgA.org_nr, date: stockholmDate(-1), source: 'case_worker', category: 'staff_competence',
  serious: false, description: 'Personalen kunde inte hantera klient K-17:s utbrott.', ...extra,
});

async function countSignals() {
  return (await admin.api('GET', '/api/v1/signals?per_page=1')).json().total;
}

test('a case worker reports a signal through the API; bad input is refused by field and nothing is stored', async () => {
  const before = await countSignals();
  const bad = [
    [{ description: 'Gäller 19121212-1212 som omplacerades.' }, 'description', /personnummer/],
    [{ org_nr: orgNr(7999) }, 'org_nr', /ingen utförare/],
    [{ category: 'gossip' }, 'category', /okänt värde/],
    [{ source: '' }, 'source', /måste väljas/],
    [{ unit_id: unitB.id }, 'unit_id', /inte hos den utföraren/],
    [{ date: '2999-01-01' }, 'date', /efter dagens datum/],
    [{ serious: 'kanske' }, 'serious', /ja eller nej/],
    [{ description: 'bad \ud800 text' }, null, null],
  ];
  for (const [extra, field, message] of bad) {
    const res = await caseA.api('POST', '/api/v1/signals', signal(extra));
    if (field === null) {
      assert.ok([400, 422].includes(res.status), `a lone surrogate is refused: ${res.status}`);
      continue;
    }
    assert.equal(res.status, 422, `${field}: ${res.text}`);
    const e = res.json().errors.find((x) => x.field === field);
    assert.ok(e, `${field} is named: ${res.text}`);
    assert.match(e.message, message);
  }
  assert.equal(await countSignals(), before, 'nothing was stored');

  const res = await caseA.api('POST', '/api/v1/signals', signal({ unit_id: unitA.id, agreement_id: agreementA.id }));
  assert.equal(res.status, 201, res.text);
  const s = res.json();
  assert.equal(s.category_label, 'Brist i personalens kompetens');
  assert.equal(s.unit, 'HVB Signalen');
  assert.equal(s.case_ref, 'SN 2020/0596');
  assert.equal(s.status, 'new');
  assert.equal(s.serious, false);
  assert.ok(s.reported_by, 'the reporter sees who reported their own signal');
  assert.equal(await countSignals(), before + 1);
});

test('the reporter is seen by reviewers and by the reporter, not by other case workers or readers', async () => {
  const mine = (await caseA.api('POST', '/api/v1/signals', signal({ category: 'late_implementation_plan' }))).json();
  const seen = async (c) => (await c.api('GET', `/api/v1/signals/${mine.id}`)).json();
  assert.ok((await seen(caseA)).reported_by);
  assert.ok((await seen(coordinator)).reported_by);
  assert.ok((await seen(lawyer)).reported_by);
  assert.equal((await seen(caseB)).reported_by, undefined, 'another case worker does not see the name');
  assert.equal((await seen(reader)).reported_by, undefined);
  const list = (await caseB.api('GET', `/api/v1/signals?organisation_id=${orgA.id}`)).json();
  assert.ok(list.items.length >= 1);
  assert.ok(list.items.every((x) => x.reported_by === undefined), 'nor in the list');
  // the pages say the same
  const page = await caseB.get(`/signaler/${mine.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Rapporterad av/);
  const coordPage = await coordinator.get(`/signaler/${mine.id}`);
  assert.match(coordPage.text, /Rapporterad av/);
  const orgPage = await caseB.get(`/utforare/${orgA.id}`);
  assert.match(orgPage.text, /Genomförandeplan kom sent/, 'the organisation page lists its signals');
  assert.match(orgPage.text, new RegExp(`href="/signaler/ny\\?organisation_id=${orgA.id}"`));
  const badDate = await caseB.get('/signaler?from=2026-02-30');
  assert.equal(badDate.status, 200);
  assert.match(badDate.text, /Datum ska skrivas ÅÅÅÅ-MM-DD/);
  const listPage = await caseB.get('/signaler');
  assert.doesNotMatch(listPage.text, /Rapporterad av/);
  assert.match((await coordinator.get('/signaler')).text, /Rapporterad av/);
});

test('the coordinators go through the queue in their meeting; a stale form writes nothing', async () => {
  const s1 = (await caseA.api('POST', '/api/v1/signals', signal({ category: 'missing_monthly_report' }))).json();
  const s2 = (await caseA.api('POST', '/api/v1/signals', signal({ org_nr: orgB.org_nr, category: 'relocation_unmet_needs' }))).json();
  // the queue page lists both, oldest first, with the reporter for the coordinators
  assert.match((await coordinator.get('/mina-uppgifter')).text, /\d+ signaler väntar på genomgång/);
  assert.doesNotMatch((await caseA.get('/mina-uppgifter')).text, /väntar på genomgång/);
  const queue = await coordinator.get('/samordnarmoten');
  assert.equal(queue.status, 200);
  assert.match(queue.text, new RegExp(`name="outcome_${s1.id}"`));
  assert.match(queue.text, new RegExp(`name="outcome_${s2.id}"`));
  // a case worker may not hold the meeting
  assert.equal((await caseA.api('POST', '/api/v1/coordinator-meetings', { held_on: stockholmDate(0), attendees: ['X'] })).status, 403);

  const bad = await coordinator.api('POST', '/api/v1/coordinator-meetings', {
    held_on: stockholmDate(0), attendees: ['Sara Samordnare'], signals: [{ signal_id: s1.id, outcome: 'shrug' }],
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.json().errors[0].field, `outcome_${s1.id}`);

  const form = await coordinator.post('/samordnarmoten', {
    held_on: stockholmDate(0), attendees: 'Sara Samordnare\nStina Strateg',
    [`outcome_${s1.id}`]: 'deviation', [`comment_${s1.id}`]: 'Rapporten har uteblivit två månader i rad.',
    notes: 'Strategen kontaktar utföraren.',
  });
  assert.equal(form.status, 303, form.text);
  const meetingPath = form.headers.get('location').replace(/\?.*/, '');
  const meetingPage = await coordinator.get(meetingPath);
  assert.match(meetingPage.text, /Avtalsavvikelse konstaterad/);
  assert.match(meetingPage.text, /Rapporten har uteblivit två månader i rad/);

  const reviewed = (await coordinator.api('GET', `/api/v1/signals/${s1.id}`)).json();
  assert.equal(reviewed.status, 'reviewed');
  assert.equal(reviewed.outcome, 'deviation');
  assert.equal(reviewed.meeting_held_on, stockholmDate(0));

  // the same form sent again: s1 is reviewed already; nothing of it is written, s2 stays new
  const meetingsBefore = (await coordinator.get('/samordnarmoten')).text.match(/href="\/samordnarmoten\/\d+"/g).length;
  const stale = await coordinator.api('POST', '/api/v1/coordinator-meetings', {
    held_on: stockholmDate(0), attendees: ['Sara Samordnare'],
    signals: [{ signal_id: s2.id, outcome: 'individual_case' }, { signal_id: s1.id, outcome: 'no_action' }],
  });
  assert.equal(stale.status, 409, stale.text);
  assert.match(stale.json().detail, /redan genomgången/);
  assert.equal((await coordinator.api('GET', `/api/v1/signals/${s2.id}`)).json().status, 'new');
  assert.equal((await coordinator.api('GET', `/api/v1/signals/${s1.id}`)).json().outcome, 'deviation');
  const meetingsAfter = (await coordinator.get('/samordnarmoten')).text.match(/href="\/samordnarmoten\/\d+"/g).length;
  assert.equal(meetingsAfter, meetingsBefore, 'no meeting was recorded');

  const ok = await coordinator.api('POST', '/api/v1/coordinator-meetings', {
    held_on: stockholmDate(0), attendees: ['Sara Samordnare'],
    signals: [{ signal_id: s2.id, outcome: 'individual_case', comment: 'Löst i ärendet.' }],
  });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json().signals[0].outcome, 'individual_case');
});

test('a provider user sees its own signals once reviewed, never who reported, never another organisation', async () => {
  const fresh = (await caseA.api('POST', '/api/v1/signals', signal({ category: 'other', description: 'Ännu inte genomgången.' }))).json();
  const other = (await caseA.api('POST', '/api/v1/signals', signal({ org_nr: orgB.org_nr }))).json();
  const list = (await provider.api('GET', '/api/v1/signals?per_page=500')).json();
  assert.ok(list.items.length >= 1, 'the reviewed deviation is there');
  assert.ok(list.items.every((s) => s.org_nr === orgA.org_nr && s.status === 'reviewed'));
  assert.ok(list.items.every((s) => s.reported_by === undefined));
  assert.equal((await provider.api('GET', `/api/v1/signals/${fresh.id}`)).status, 404, 'not yet reviewed');
  assert.equal((await provider.api('GET', `/api/v1/signals/${other.id}`)).status, 404, 'another organisation');
  assert.equal((await provider.api('POST', '/api/v1/signals', signal())).status, 403);
  assert.equal((await provider.get('/samordnarmoten')).status, 403);
  const orgPage = await provider.get(`/utforare/${orgA.id}`);
  assert.doesNotMatch(orgPage.text, /Inte genomgången|Rapportera signal/, "only reviewed signals, and no report button");
  const page = await provider.get('/signaler');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Annan omsorg AB|Ännu inte genomgången|Rapporterad av/);
});

test('repeated signals and serious ones make a candidate, at the rule\'s edges; the numbers are settings', async () => {
  const c = await createOrg(admin, { name: 'Kandidatens omsorg AB', org_nr: orgNr(7103) });
  const report = (date, extra = {}) => caseA.api('POST', '/api/v1/signals', signal({ org_nr: c.org_nr, date, ...extra }));
  const isCandidate = async () => (await coordinator.api('GET', '/api/v1/candidates')).json().items.find((x) => x.org_nr === c.org_nr);
  assert.equal((await report(stockholmDate(-13))).status, 201); // outside the twelve months
  assert.equal((await report(stockholmDate(-6))).status, 201);
  assert.equal((await report(stockholmDate(-1))).status, 201);
  assert.equal(await isCandidate(), undefined, 'two signals within twelve months (and one older) are not enough');
  assert.equal((await report(stockholmDate(0))).status, 201);
  const cand = await isCandidate();
  assert.ok(cand, 'three within twelve months are');
  assert.equal(cand.signal_count, 3);
  assert.equal(cand.serious, false);
  assert.equal(cand.has_agreement, false, 'it has no agreement in force, and the overview says so');
  // the overview names it with the signals that put it there
  const overview = (await coordinator.get('/oversikt')).text;
  const section = overview.slice(overview.indexOf('id="candidates-heading"'), overview.indexOf('id="ending-heading"'));
  assert.match(section, /Kandidatens omsorg AB/);
  assert.match(section, /Inget gällande avtal/);
  assert.match(section, new RegExp(`href="/signaler/\\d+">${stockholmDate(-1)}</a>`));
  // a serious signal alone is enough
  const d = await createOrg(admin, { name: 'Allvarets omsorg AB', org_nr: orgNr(7104) });
  assert.equal((await caseA.api('POST', '/api/v1/signals', signal({ org_nr: d.org_nr, serious: true, category: 'maltreatment_allegation' }))).status, 201);
  const serious = (await coordinator.api('GET', '/api/v1/candidates')).json().items.find((x) => x.org_nr === d.org_nr);
  assert.ok(serious);
  assert.equal(serious.serious, true);
  assert.equal(serious.signals[0].category, 'maltreatment_allegation');
  // two signals in twelve months become enough once the administration says so
  const e = await createOrg(admin, { name: 'Inställningens omsorg AB', org_nr: orgNr(7105) });
  await report(stockholmDate(-2), { org_nr: e.org_nr });
  await report(stockholmDate(-1), { org_nr: e.org_nr });
  const find = async () => (await coordinator.api('GET', '/api/v1/candidates')).json().items.find((x) => x.org_nr === e.org_nr);
  assert.equal(await find(), undefined);
  assert.equal((await coordinator.api('PATCH', '/api/v1/settings', { repeat_count: 2 })).status, 403, 'only an administrator');
  const bad = await admin.api('PATCH', '/api/v1/settings', { repeat_count: 0 });
  assert.equal(bad.status, 422);
  assert.equal(bad.json().errors[0].field, 'repeat_count');
  assert.equal((await admin.api('PATCH', '/api/v1/settings', { repeat_count: 2 })).status, 200);
  assert.ok(await find(), 'two are enough now');
  assert.equal((await admin.api('PATCH', '/api/v1/settings', { repeat_count: 3 })).status, 200);
});

test('the report form refuses a personnummer with the field named and keeps what was typed', async () => {
  const form = await caseA.get(`/signaler/ny?organisation_id=${orgA.id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="[0-9]+">HVB Signalen<\/option>/);
  const res = await caseA.post('/signaler', {
    organisation_id: String(orgA.id), date: stockholmDate(0), source: 'coordinator', category: 'other',
    description: 'Klienten 19121212-1212 flyttades utan plan.',
  });
  assert.equal(res.status, 422);
  assert.match(res.text, /personnummer/);
  assert.match(res.text, /href="#description"/);
  assert.match(res.text, /flyttades utan plan/);
  const ok = await caseA.post('/signaler', {
    organisation_id: String(orgA.id), date: stockholmDate(0), source: 'coordinator', category: 'other',
    serious: '1', description: 'Klient K-3 flyttades utan plan.',
  });
  assert.equal(ok.status, 303);
  const page = await caseA.get(ok.headers.get('location'));
  assert.match(page.text, /Allvarlig signal/);
});

test('insyn signals lists what the API lists, as JSON, CSV and a table, filtered by organisation and period', () => {
  const json = cli(['signals', server.db, '--organisation', orgB.org_nr, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout);
  assert.ok(rows.length >= 2);
  for (const r of rows) {
    assert.equal(r.org_nr, orgB.org_nr);
    for (const key of ['date', 'category', 'serious', 'source', 'status', 'outcome']) assert.ok(key in r, key);
  }
  assert.ok(rows.some((r) => r.outcome === 'individual_case'));
  const csv = cli(['signals', server.db, '--from', stockholmDate(0), '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\r\n');
  assert.match(lines[0], /^date,org_nr,organisation/);
  assert.ok(lines.slice(1).every((l) => l.startsWith(stockholmDate(0))));
  const table = cli(['signals', server.db, '--organisation', orgB.org_nr]);
  assert.match(table.stdout, /Hanteras inom individärendet/);
  const unknown = cli(['signals', server.db, '--organisation', orgNr(7999)]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /ingen utförare/);
  assert.equal(cli(['signals', server.db, '--from', '2026-13-01']).code, 1);
});

test('every change is audited', async () => {
  const verify = cli(['audit', 'verify', server.db]);
  assert.equal(verify.code, 0, verify.stderr);
  const s = (await caseA.api('POST', '/api/v1/signals', signal())).json();
  const page = await lawyer.get(`/signaler/${s.id}`);
  assert.match(page.text, /Historik/);
});
