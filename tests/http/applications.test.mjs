// applications.test.mjs — LOV applications through the JSON API (seed 003, "Handläggning av ny
// ansökan kundval hemtjänst (LOV)" and "Introduktion av ny utförare"): one application walked
// through every step of the routine with its deadlines and statuses, the deadlines over a year
// end and a leap day, every guard before the committee's decision refused in Swedish naming
// its reason, the agreement an approval ends in (sharing the customer-choice system's case
// reference, with its follow-ups) and the introduction programme, who may do what, and a
// provider user shut out of the administration's API.
//
// The app refuses dates after today, so the walk-through counts its dates back from today;
// the year end and the leap day use fixed dates in 2023 and 2024.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { sqlJson } from '../lib/sql.mjs';
import { orgNr, badCheckDigit, createOrg, createAgreement, stockholmDate } from './fixtures.mjs';

const TODAY = stockholmDate(0);

// YYYY-MM-DD plus n days (calendar days, UTC arithmetic: no clock changes).
function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
// Days from a to b.
function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

let server;
let strategist, deputy, secretary, lawyer, caseWorker, sectionManager, provider;
const uid = {};
let system; // the customer-choice system's agreement: LOV, home care

const sql = (query) => sqlJson(server.db, query);

async function login(email) {
  const c = new Client(server.url);
  assert.equal((await c.login(email)).status, 303, `${email} logs in`);
  return c;
}

// The response has the status; its text is the message when not.
function expect(res, status, what = '') {
  assert.equal(res.status, status, `${what}: ${res.text.slice(0, 600)}`);
  return res.status < 300 || res.headers.get('content-type')?.includes('json') ? res.json() : null;
}

// A 422 problem with a field error on `field` whose message matches `message`.
function refused(res, field, message, what = '') {
  assert.equal(res.status, 422, `${what}: ${res.text.slice(0, 600)}`);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const errors = res.json().errors;
  assert.ok(errors.some((e) => e.field === field && message.test(e.message)),
    `${what}: expected ${field} ${message}, got ${JSON.stringify(errors)}`);
  return errors;
}

const step = (c, id, body) => c.api('POST', `/api/v1/applications/${id}/steps`, body);
const get = async (c, id) => expect(await c.api('GET', `/api/v1/applications/${id}`), 200, `GET application ${id}`);
const item = (x, code) => x.onboarding.find((i) => i.code === code);

let serial = 9100;
async function apply(fields) {
  const res = await strategist.api('POST', '/api/v1/applications', {
    org_nr: orgNr(serial++), service_area: 'home_care', personal_care: true,
    attachments: ['Ansökningsblankett', 'Registreringsbevis'], operations_manager: 'Verksamhetsansvarig', ...fields,
  });
  return expect(res, 201, `apply ${fields.name}`);
}

// Two references about each, all that an approval asks of the references.
async function fourReferences(id, on) {
  for (const [about, referee] of [['management', 'Anna Berg, Kommun A'], ['management', 'Per Lund, Kommun B'],
    ['operations_manager', 'Eva Holm, tidigare chef'], ['operations_manager', 'Olle Sten, Kommun C']]) {
    expect(await strategist.api('POST', `/api/v1/applications/${id}/references`, {
      about, referee, asked_on: on, asked_by: 'Utvecklingsstrategen', statement: 'Goda omdömen, inga anmärkningar.',
    }), 201, `reference ${referee}`);
  }
}

async function passingChecks(orgNrValue, on) {
  expect(await strategist.api('POST', '/api/v1/checks', {
    org_nr: orgNrValue, kind: 'credit', bureau: 'creditsafe', checked_on: on, value: 72,
  }), 201, 'credit check');
  expect(await strategist.api('POST', '/api/v1/checks', {
    org_nr: orgNrValue, kind: 'tax', checked_on: on, f_tax: true, taxes_paid: true, contributions_paid: true, enforcement_debt: 0,
  }), 201, 'tax check');
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'bitr@example.org', 'deputy_director');
      addUser(db, 'namnd@example.org', 'committee_secretary');
      addUser(db, 'jurist@example.org', 'lawyer');
      addUser(db, 'socsek@example.org', 'case_worker');
      addUser(db, 'sektion@example.org', 'section_manager');
    },
  });
  for (const row of sql('SELECT id, email FROM app_user')) uid[row.email] = row.id;
  strategist = await login('strateg@example.org');
  deputy = await login('bitr@example.org');
  secretary = await login('namnd@example.org');
  lawyer = await login('jurist@example.org');
  caseWorker = await login('socsek@example.org');
  sectionManager = await login('sektion@example.org');
  // the customer-choice system: an approved applicant joins its agreement
  const incumbent = await createOrg(strategist, { name: 'Befintliga Hemtjänsten AB', org_nr: orgNr(9001) });
  system = await createAgreement(strategist, {
    case_ref: 'SN 2023/0042', title: 'Kundval hemtjänst enligt LOV', form: 'lov', service_area: 'home_care',
    organisation_id: incumbent.id, start: '2023-01-01', end: stockholmDate(48), requirements: ['Kollektivavtal'],
    value_adds: ['Befintliga Hemtjänstens kvällsaktiviteter'],
  });
});
after(async () => {
  assert.equal((await server.stop()).code, 0, 'the server stops cleanly on SIGTERM');
});

// ---- the routine, step by step ----

const R = addDays(TODAY, -120); // received
const D = (n) => addDays(R, n); // a day of the case
let main; // the application walked through

test('a new application creates its organisation and starts the clock for supplements', async () => {
  const nr = orgNr(9002);
  const res = await strategist.api('POST', '/api/v1/applications', {
    org_nr: nr.replace('-', ''), name: 'Solrosens Hemtjänst AB', service_area: 'home_care', personal_care: true,
    received: R, attachments: ['Ansökningsblankett', 'Registreringsbevis', 'Meritförteckning verksamhetsansvarig'],
    operations_manager: 'Karin Ek',
  });
  main = expect(res, 201, 'create');
  assert.equal(res.headers.get('location'), `/api/v1/applications/${main.id}`);
  assert.equal(main.org_nr, nr, 'the org_nr is normalised');
  assert.equal(main.name, 'Solrosens Hemtjänst AB');
  assert.equal(main.service_area, 'home_care');
  assert.equal(main.personal_care, true);
  assert.equal(main.received, R);
  assert.equal(main.operations_manager, 'Karin Ek');
  assert.equal(main.attachments, 'Ansökningsblankett\nRegistreringsbevis\nMeritförteckning verksamhetsansvarig');
  assert.equal(main.responsible_id, uid['strateg@example.org'], 'the one who registers it handles it');
  assert.equal(main.status, 'received');
  assert.equal(main.status_label, 'Inkommen');
  assert.equal(main.supplement_request_due, D(14), 'supplements are asked for within 14 days of receipt');
  assert.equal(main.supplement_due, null);
  assert.equal(main.decision_due, null);
  assert.equal(main.legal_force_on, null);
  assert.equal(main.agreement_meeting_due, null);
  assert.equal(main.days_open, 120);
  assert.equal(main.days_processing, null);
  assert.equal(main.version, 1);
  assert.deepEqual(main.onboarding, []);
  // the organisation is new, a private provider
  const org = expect(await strategist.api('GET', `/api/v1/organisations/${main.organisation_id}`), 200, 'organisation');
  assert.equal(org.name, 'Solrosens Hemtjänst AB');
  assert.equal(org.org_nr, nr);
  assert.equal(org.kind, 'private');
  const list = expect(await strategist.api('GET', '/api/v1/applications'), 200, 'list');
  assert.ok(list.items.some((x) => x.id === main.id && x.status === 'received'));
  const received = expect(await strategist.api('GET', '/api/v1/applications?status=received'), 200, 'list by status');
  assert.ok(received.items.every((x) => x.status === 'received') && received.items.some((x) => x.id === main.id));
});

test('first review and a request for supplements: the applicant has 14 days', async () => {
  let x = expect(await step(strategist, main.id, {
    step: 'first_review', done_on: D(3), notes: 'Registreringsbevis saknas.', version: main.version,
  }), 200, 'first review');
  assert.equal(x.steps.first_review.done_on, D(3));
  assert.equal(x.steps.first_review.notes, 'Registreringsbevis saknas.');
  assert.equal(x.status, 'received');
  assert.equal(x.version, 2, 'every change raises the version');

  const noText = await step(strategist, main.id, { step: 'supplements', requested_on: D(10) });
  refused(noText, 'request', /Skriv vad företaget ska komplettera/, 'a request without what to supplement');
  x = expect(await step(strategist, main.id, {
    step: 'supplements', requested_on: D(10), request: 'Registreringsbevis, högst tre månader gammalt.',
  }), 200, 'request supplements');
  assert.equal(x.status, 'awaiting_supplements');
  assert.equal(x.status_label, 'Väntar på komplettering');
  assert.equal(x.supplement_requested_on, D(10));
  assert.equal(x.supplement_request, 'Registreringsbevis, högst tre månader gammalt.');
  assert.equal(x.supplement_due, D(24), 'due 14 days after the request');
  assert.equal(x.supplement_request_due, null, 'requested: no longer due');

  const early = await step(strategist, main.id, { step: 'supplements', received_on: D(8) });
  refused(early, 'received_on', /före begäran om komplettering/, 'supplements received before the request');
  const incomplete = await step(strategist, main.id, { step: 'supplements', complete_on: D(12) });
  refused(incomplete, 'complete_on', /innan den begärda kompletteringen har kommit in/, 'complete before the supplements');
  const future = await step(strategist, main.id, { step: 'supplements', received_on: addDays(TODAY, 1) });
  refused(future, 'received_on', /kan inte ligga efter i dag/, 'a date after today');
  const beforeReceipt = await step(strategist, main.id, { step: 'first_review', done_on: D(-1) });
  refused(beforeReceipt, 'done_on', new RegExp(`före den dag ansökan kom in \\(${R}\\)`), 'a date before receipt');

  x = expect(await step(strategist, main.id, { step: 'supplements', received_on: D(20), complete_on: D(21) }), 200, 'complete');
  assert.equal(x.status, 'in_review');
  assert.equal(x.supplements_received_on, D(20));
  assert.equal(x.complete_on, D(21));
  assert.equal(x.supplement_due, null, 'received: no longer due');
  assert.equal(x.decision_due, D(49), 'preferably decided within four weeks of being complete');
  assert.equal(x.days_processing, daysBetween(D(21), TODAY));
  assert.equal(x.days_open, 120);
});

test('credit and tax checks on the organisation count for the application', async () => {
  await passingChecks(main.org_nr, D(22));
  let x = expect(await step(strategist, main.id, { step: 'checks', exception: '' }), 200, 'checks step');
  assert.equal(x.steps.checks.exception, '');
  assert.equal(x.steps.checks.credit.passed, true);
  assert.equal(x.steps.checks.credit.checked_on, D(22));
  assert.equal(x.steps.checks.tax.passed, true);
  x = await get(strategist, main.id);
  assert.equal(x.steps.checks.credit.kind, 'credit');
  assert.equal(x.steps.checks.tax.kind, 'tax');
});

test('the information meeting, the quality management system, the attachments and the assessment', async () => {
  const absent = await step(strategist, main.id, {
    step: 'info_meeting', done_on: D(25), attendees: 'Utvecklingsstrateg', manager_present: false,
  });
  refused(absent, 'manager_present', /verksamhetsansvariga ska delta på informationsmötet/, 'the manager absent');
  const nobody = await step(strategist, main.id, { step: 'info_meeting', done_on: D(25), manager_present: true });
  refused(nobody, 'attendees', /vilka från förvaltningen som deltog/, 'no attendees');
  let x = expect(await step(strategist, main.id, {
    step: 'info_meeting', done_on: D(25), manager_present: true,
    attendees: 'Utvecklingsstrateg, bitr. socialdirektör, sektionschef Omsorg SoL', notes: 'Ansökan gicks igenom.',
  }), 200, 'info meeting');
  assert.deepEqual(x.steps.info_meeting, {
    done_on: D(25), manager_present: true,
    attendees: 'Utvecklingsstrateg, bitr. socialdirektör, sektionschef Omsorg SoL', notes: 'Ansökan gicks igenom.',
  });

  x = expect(await step(strategist, main.id, { step: 'qms', done_on: D(26), approved: true, notes: 'Enligt SOSFS 2011:9.' }), 200, 'qms');
  assert.deepEqual(x.steps.qms, { done_on: D(26), approved: true, notes: 'Enligt SOSFS 2011:9.' });
  x = expect(await step(strategist, main.id, { step: 'attachments', done_on: D(27), notes: 'CV och intyg finns.' }), 200, 'attachments');
  assert.deepEqual(x.steps.attachments, { done_on: D(27), notes: 'CV och intyg finns.' });

  const notDeputy = await step(strategist, main.id, {
    step: 'assessment', done_on: D(30), recommendation: 'approve', with_id: uid['strateg@example.org'], notes: 'Uppfyller kraven.',
  });
  refused(notDeputy, 'with_id', /biträdande socialdirektör/, 'assessed with someone else');
  const noReasons = await step(strategist, main.id, {
    step: 'assessment', done_on: D(30), recommendation: 'approve', with_id: uid['bitr@example.org'],
  });
  refused(noReasons, 'notes', /Motiveringen måste anges/, 'an assessment without reasons');
  x = expect(await step(strategist, main.id, {
    step: 'assessment', done_on: D(30), recommendation: 'approve', with_id: uid['bitr@example.org'],
    notes: 'Uppfyller förfrågningsunderlagets krav.',
  }), 200, 'assessment');
  assert.deepEqual(x.steps.assessment, {
    done_on: D(30), recommendation: 'approve', with_id: uid['bitr@example.org'], with_name: 'bitr@example.org',
    notes: 'Uppfyller förfrågningsunderlagets krav.',
  });
  assert.equal(x.status, 'in_review');
});

test('the references, the journal and the service notes', async () => {
  await fourReferences(main.id, D(23));
  const x = await get(strategist, main.id);
  assert.equal(x.references.length, 4);
  assert.equal(x.references_management, 2);
  assert.equal(x.references_operations_manager, 2);
  assert.ok(x.references.every((r) => r.asked_on === D(23) && r.asked_by === 'Utvecklingsstrategen' && r.created_by_name));
  assert.deepEqual(x.references.map((r) => r.about_label).sort(),
    ['Verksamhetsansvarig', 'Verksamhetsansvarig', 'Företagets ledning', 'Företagets ledning'].sort());
  const badAbout = await strategist.api('POST', `/api/v1/applications/${main.id}/references`, {
    about: 'board', referee: 'X', asked_on: D(23), asked_by: 'Y', statement: 'Z',
  });
  assert.equal(badAbout.status, 422);
  assert.ok(badAbout.json().errors.some((e) => e.field === 'about'));

  for (const [kind, on, text] of [
    ['journal', D(5), 'Ringde sökande om registreringsbeviset.'],
    ['supplement_request', D(10), 'Komplettering begärd per e-post.'],
    ['info_meeting', D(25), 'Informationsmöte hållet; verksamhetsansvarig deltog.'],
    ['references', D(23), 'Fyra referenser tagna.'],
    ['mbl', D(31), 'MBL-underlag skickat.'],
    ['memo', D(32), 'Tjänsteskrivelse till socialnämnden.'],
  ]) {
    const res = await strategist.api('POST', `/api/v1/applications/${main.id}/notes`, { kind, noted_on: on, text });
    expect(res, 201, `note ${kind}`);
  }
  const noKind = await strategist.api('POST', `/api/v1/applications/${main.id}/notes`, { noted_on: D(6), text: 'Utan slag.' });
  const notes = expect(noKind, 201, 'a note without kind').notes;
  assert.equal(notes.length, 7);
  assert.equal(notes.find((n) => n.text === 'Utan slag.').kind, 'journal', 'the journal by default');
  assert.equal(notes[0].noted_on, D(32), 'newest first');
  assert.equal(notes.find((n) => n.kind === 'mbl').kind_label, 'Tjänsteanteckning: MBL-handling');
  assert.ok(notes.every((n) => n.author_name === 'strateg@example.org'));
});

test('MBL and the memo send the application to the committee', async () => {
  let x = expect(await step(strategist, main.id, { step: 'mbl', done_on: D(31), notes: 'Facket informerat.' }), 200, 'mbl');
  assert.equal(x.steps.mbl.done_on, D(31));
  assert.equal(x.status, 'in_review');
  x = expect(await step(strategist, main.id, { step: 'memo', done_on: D(32), notes: 'Förslag: godkänn.' }), 200, 'memo');
  assert.equal(x.steps.memo.done_on, D(32));
  assert.equal(x.status, 'to_committee');
  assert.equal(x.status_label, 'Till socialnämnden');
  assert.equal(x.days_in_step, daysBetween(D(32), TODAY), 'at the committee since the memo');
  main = x;
});

test('the committee secretary records the approval; the introduction programme follows', async () => {
  assert.equal((await lawyer.api('POST', `/api/v1/applications/${main.id}/decision`, {
    outcome: 'approve', decided_on: D(40), paragraph: '§ 112',
  })).status, 403, 'the lawyer does not record decisions');
  const future = await secretary.api('POST', `/api/v1/applications/${main.id}/decision`, {
    outcome: 'approve', decided_on: addDays(TODAY, 1), paragraph: '§ 112',
  });
  refused(future, 'decided_on', /efter i dag/, 'a decision in the future');
  const x = expect(await secretary.api('POST', `/api/v1/applications/${main.id}/decision`, {
    outcome: 'approve', decided_on: D(40), paragraph: '§ 112',
  }), 200, 'decision');
  assert.equal(x.status, 'approved');
  assert.equal(x.status_label, 'Godkänd, avtal ej tecknat');
  assert.equal(x.outcome, 'approve');
  assert.equal(x.outcome_label, 'Godkänns');
  assert.equal(x.decided_on, D(40));
  assert.equal(x.decision_paragraph, '§ 112');
  assert.equal(x.decision_due, null, 'decided: no longer due');
  assert.equal(x.days_open, 40, 'the clock stops at the decision');
  assert.equal(x.days_processing, 19);
  assert.equal(x.legal_force_on, null, 'not announced yet');
  assert.equal(x.agreement_meeting_due, D(54), 'within 14 days of the decision');
  // home care within personal care: all ten items of the programme
  assert.equal(x.onboarding.length, 10);
  assert.deepEqual(x.onboarding.map((i) => i.code), ['agreement_meeting', 'signing', 'safety_alarm', 'night_organisation',
    'mas_nurse', 'discharge_routine', 'case_workers', 'viva', 'archivist', 'hsa']);
  assert.deepEqual(x.onboarding.filter((i) => i.personal_care_only).map((i) => i.code),
    ['safety_alarm', 'night_organisation', 'mas_nurse']);
  for (const i of x.onboarding) {
    assert.match(i.due ?? '', /^\d{4}-\d{2}-\d{2}$/, `${i.code} has a due date`);
    assert.equal(i.done, false);
    assert.equal(i.responsible_id, uid['strateg@example.org'], `${i.code}: the case's handler answers for it`);
  }
  assert.equal(item(x, 'agreement_meeting').due, D(54));
  assert.equal(item(x, 'signing').due, D(68));
  assert.equal(item(x, 'viva').due, D(98));

  const again = await secretary.api('POST', `/api/v1/applications/${main.id}/decision`, {
    outcome: 'reject', decided_on: D(41), reason: 'Ändrat oss.',
  });
  assert.equal(again.status, 409, again.text);
  assert.match(again.json().detail, /redan registrerat/);
  const stepAfter = await step(strategist, main.id, { step: 'memo', done_on: D(33) });
  assert.equal(stepAfter.status, 409, stepAfter.text);
  assert.match(stepAfter.json().detail, /redan beslutat/);
  main = x;
});

test('the agreement meeting and the signing wait for legal force, three weeks after the announcement', async () => {
  const meeting = item(main, 'agreement_meeting');
  // before the announcement: no day of legal force yet
  let res = await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, { planned_on: D(50) });
  refused(res, 'planned_on', /Beslutet har inte meddelats sökande ännu\. Mötet inför avtalstecknande kan bokas först när beslutet har vunnit laga kraft/,
    'the meeting before the announcement');
  res = await strategist.api('POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: D(50) });
  refused(res, 'signed_on', /inte meddelats sökande ännu/, 'signing before the announcement');
  res = await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, { planned_on: D(39) });
  refused(res, 'planned_on', /före socialnämndens beslut/, 'a meeting before the decision');

  assert.equal((await strategist.api('POST', `/api/v1/applications/${main.id}/announcement`, { announced_on: D(45) })).status, 403,
    'the strategist does not announce');
  res = await secretary.api('POST', `/api/v1/applications/${main.id}/announcement`, { announced_on: D(39) });
  refused(res, 'announced_on', /före den dag det fattades/, 'announced before the decision');
  let x = expect(await secretary.api('POST', `/api/v1/applications/${main.id}/announcement`, { announced_on: D(45) }), 200, 'announce');
  assert.equal(x.announced_on, D(45));
  assert.equal(x.announced_by_name, 'namnd@example.org');
  assert.equal(x.legal_force_on, D(66), 'legal force three weeks after the announcement');
  assert.equal(x.agreement_meeting_due, D(66), 'the meeting not before legal force');
  assert.equal(item(x, 'agreement_meeting').due, D(66));
  assert.equal(item(x, 'signing').due, D(80));
  const twice = await secretary.api('POST', `/api/v1/applications/${main.id}/announcement`, { announced_on: D(46) });
  assert.equal(twice.status, 409, twice.text);

  res = await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, { planned_on: D(60) });
  refused(res, 'planned_on', new RegExp(`före den dag beslutet vinner laga kraft \\(${D(66)}\\)`), 'the meeting before legal force');
  res = await strategist.api('POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: D(60) });
  refused(res, 'signed_on', new RegExp(`Avtalet kan inte tecknas före den dag beslutet vinner laga kraft \\(${D(66)}\\)`),
    'signing before legal force');
  const signingItem = item(x, 'signing');
  res = await strategist.api('PATCH', `/api/v1/onboarding-items/${signingItem.id}`, { done_on: D(70) });
  refused(res, 'done_on', /registreras när avtalet tecknas/, 'the signing item is not marked done by hand');

  x = expect(await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, { planned_on: D(66) }), 200, 'book the meeting');
  assert.equal(item(x, 'agreement_meeting').planned_on, D(66));
  // booked on the right day, it still cannot be recorded as held before legal force
  res = await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, { done_on: D(60) });
  refused(res, 'done_on', new RegExp(`före den dag beslutet vinner laga kraft \\(${D(66)}\\)`), 'held before legal force');
  x = expect(await strategist.api('PATCH', `/api/v1/onboarding-items/${meeting.id}`, {
    done_on: D(66), notes: 'Avtalet och biståndsbedömningen genomgångna.',
  }), 200, 'hold the meeting');
  assert.equal(item(x, 'agreement_meeting').done, true);
  assert.equal(item(x, 'agreement_meeting').done_on, D(66));
  assert.equal(item(x, 'agreement_meeting').notes, 'Avtalet och biståndsbedömningen genomgångna.');
  assert.equal((await strategist.api('PATCH', '/api/v1/onboarding-items/999999', { notes: 'x' })).status, 404);
  main = x;
});

test('signing makes a LOV agreement in the customer-choice system, with its follow-ups', async () => {
  assert.equal((await lawyer.api('POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: D(70) })).status, 403,
    'signing makes an agreement: agreement.write');
  const res = await strategist.api('POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: D(70) });
  const x = expect(res, 201, 'sign');
  assert.equal(x.signed_on, D(70));
  assert.ok(x.agreement_id);
  assert.equal(x.agreement_case_ref, system.case_ref);
  assert.equal(x.status, 'onboarding', 'the introduction is under way');
  assert.equal(x.status_label, 'Introduktion pågår');
  assert.equal(item(x, 'signing').done_on, D(70), 'the signing item is done the day the agreement is signed');
  for (const code of ['safety_alarm', 'discharge_routine', 'hsa'])
    assert.equal(item(x, code).due, D(100), `${code}: 30 days after the signing`);
  const twice = await strategist.api('POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: D(71) });
  assert.equal(twice.status, 409, twice.text);

  const agreement = expect(await strategist.api('GET', `/api/v1/agreements/${x.agreement_id}`), 200, 'agreement');
  assert.equal(agreement.form, 'lov');
  assert.equal(agreement.case_ref, system.case_ref, 'the same case reference as the system');
  assert.equal(agreement.title, system.title);
  assert.equal(agreement.service_area, 'home_care');
  assert.equal(agreement.organisation_id, main.organisation_id);
  assert.equal(agreement.approved_on, D(40), 'approved the day the committee decided');
  assert.equal(agreement.signed_on, D(70));
  assert.equal(agreement.start, D(70));
  assert.equal(agreement.end, system.end);
  assert.deepEqual(agreement.requirements, system.requirements, 'the system\'s requirements');
  assert.deepEqual(agreement.value_adds, [], 'not the value-adds another provider promised in its bid');
  assert.equal(agreement.status, 'active');
  const followups = expect(await strategist.api('GET', `/api/v1/agreements/${x.agreement_id}/followups`), 200, 'followups');
  assert.ok(followups.items.length > 0, 'the follow-up routine applies to the new agreement');
  // routine 1 (LOV home care): the introduction soon after the approval, the rest from the signing
  const intro = followups.items.filter((f) => f.activity === 'Introduktion av ny utförare');
  assert.deepEqual(intro.map((f) => f.due), [D(54)], 'the introduction within 14 days of the approval');
  assert.ok(followups.items.some((f) => f.activity === 'Avtalsuppföljning första året'), 'quarterly the first year');
  assert.ok(followups.items.filter((f) => !intro.includes(f)).every((f) => f.due > D(70)), 'the others after the signing');

  // the rest of the programme done: introduced
  let last = x;
  for (const i of x.onboarding.filter((i) => !i.done))
    last = expect(await strategist.api('PATCH', `/api/v1/onboarding-items/${i.id}`, { done_on: D(75) }), 200, `done ${i.code}`);
  assert.equal(last.status, 'onboarded');
  assert.equal(last.status_label, 'Introducerad');
  assert.ok(last.onboarding.every((i) => i.done));
});

// ---- the clocks over a year end and a leap day ----

test('deadlines over a year end and a leap day', async () => {
  let y = await apply({ name: 'Nyårets Omsorg AB', received: '2023-12-20' });
  assert.equal(y.supplement_request_due, '2024-01-03', 'received + 14 over the year end');
  y = expect(await step(strategist, y.id, {
    step: 'supplements', requested_on: '2024-02-20', request: 'Ekonomisk redovisning.',
  }), 200, 'request over the leap day');
  assert.equal(y.supplement_due, '2024-03-05', 'requested + 14 over 29 February');
  y = expect(await step(strategist, y.id, { step: 'supplements', received_on: '2024-03-01', complete_on: '2024-03-01' }), 200, 'complete');
  assert.equal(y.decision_due, '2024-03-29');
  const noReason = await secretary.api('POST', `/api/v1/applications/${y.id}/decision`, { outcome: 'reject', decided_on: '2024-03-20' });
  refused(noReason, 'reason', /Ett avslag ska motiveras/, 'a rejection without reason');
  y = expect(await secretary.api('POST', `/api/v1/applications/${y.id}/decision`, {
    outcome: 'reject', decided_on: '2024-03-20', paragraph: '§ 31', reason: 'Ekonomin bär inte verksamheten.',
  }), 200, 'reject');
  assert.equal(y.status, 'rejected');
  assert.equal(y.days_open, 91, '2023-12-20 to 2024-03-20, 29 February counted');
  assert.equal(y.days_processing, 19);
  assert.equal(y.agreement_meeting_due, null, 'a rejection has no agreement meeting');
  assert.deepEqual(y.onboarding, [], 'and no introduction');
  y = expect(await secretary.api('POST', `/api/v1/applications/${y.id}/announcement`, { announced_on: '2024-03-22' }), 200, 'announce');
  assert.equal(y.legal_force_on, '2024-04-12');
  assert.equal(y.decision_reason, 'Ekonomin bär inte verksamheten.');
  const sign = await strategist.api('POST', `/api/v1/applications/${y.id}/agreement`, { signed_on: '2024-05-01' });
  refused(sign, 'signed_on', /bara tecknas med en utförare som socialnämnden har godkänt/, 'signing a rejection');

  // complete on 1 February: the decision due on 29 February; announced on 8 February, the
  // decision gains legal force on 29 February
  let l = await apply({ name: 'Skottdagens Hemtjänst AB', received: '2024-01-20', personal_care: false });
  assert.equal(l.personal_care, false);
  l = expect(await step(strategist, l.id, { step: 'supplements', complete_on: '2024-02-01' }), 200, 'complete without supplements');
  assert.equal(l.decision_due, '2024-02-29');
  assert.equal(l.supplement_request_due, null, 'complete: nothing to ask for');
  await fourReferences(l.id, '2024-01-25');
  await passingChecks(l.org_nr, '2024-01-22');
  expect(await step(strategist, l.id, { step: 'qms', done_on: '2024-02-02', approved: true }), 200, 'qms');
  l = expect(await secretary.api('POST', `/api/v1/applications/${l.id}/decision`, {
    outcome: 'approve', decided_on: '2024-02-08', paragraph: '§ 12',
  }), 200, 'approve');
  assert.equal(l.agreement_meeting_due, '2024-02-22');
  l = expect(await secretary.api('POST', `/api/v1/applications/${l.id}/announcement`, { announced_on: '2024-02-08' }), 200, 'announce');
  assert.equal(l.legal_force_on, '2024-02-29', 'announced + 21 days is the leap day');
  assert.equal(l.agreement_meeting_due, '2024-02-29');
  // home care without personal care: seven items, none of the personal-care ones
  assert.equal(l.onboarding.length, 7);
  assert.deepEqual(l.onboarding.map((i) => i.code),
    ['agreement_meeting', 'signing', 'discharge_routine', 'case_workers', 'viva', 'archivist', 'hsa']);
  assert.ok(l.onboarding.every((i) => !i.personal_care_only));
  assert.equal(item(l, 'agreement_meeting').due, '2024-02-29');
  assert.equal(item(l, 'signing').due, '2024-03-14');
  assert.equal(item(l, 'viva').due, '2024-04-13');
  const early = await strategist.api('POST', `/api/v1/applications/${l.id}/agreement`, { signed_on: '2024-02-28' });
  refused(early, 'signed_on', /vinner laga kraft \(2024-02-29\)/, 'signing the day before legal force');
  const unmet = await strategist.api('POST', `/api/v1/applications/${l.id}/agreement`, { signed_on: '2024-02-29' });
  refused(unmet, 'signed_on', /Mötet inför avtalstecknande ska hållas innan avtalet tecknas/, 'signing before the agreement meeting');
  expect(await strategist.api('PATCH', `/api/v1/onboarding-items/${item(l, 'agreement_meeting').id}`, { done_on: '2024-02-29' }), 200, 'the agreement meeting on the leap day');
  l = expect(await strategist.api('POST', `/api/v1/applications/${l.id}/agreement`, { signed_on: '2024-02-29' }), 201, 'sign on the leap day');
  assert.equal(l.signed_on, '2024-02-29');
  assert.equal(item(l, 'viva').due, '2024-03-30');
  assert.equal(item(l, 'viva').overdue, true, 'an item not done by its day is overdue');
  assert.equal(item(l, 'signing').overdue, false, 'a done item is not');
  assert.equal(item(l, 'signing').done_on, '2024-02-29');
});

test('a nursing home has its own programme, and without a LOV agreement in the area the signing names the case', async () => {
  const received = addDays(TODAY, -90);
  let x = await apply({ name: 'Äldreboendet Linden AB', received, service_area: 'nursing_home', personal_care: false });
  expect(await step(strategist, x.id, { step: 'supplements', complete_on: addDays(received, 2) }), 200, 'complete');
  await fourReferences(x.id, addDays(received, 3));
  await passingChecks(x.org_nr, addDays(received, 3));
  expect(await step(strategist, x.id, { step: 'qms', done_on: addDays(received, 4), approved: true }), 200, 'qms');
  x = expect(await secretary.api('POST', `/api/v1/applications/${x.id}/decision`, {
    outcome: 'approve', decided_on: addDays(received, 10), paragraph: '§ 9',
  }), 200, 'approve');
  assert.deepEqual(x.onboarding.map((i) => i.code), ['signing', 'intro_meeting', 'safety_alarm', 'mas_mar',
    'discharge_routine', 'case_workers', 'viva', 'archivist', 'hsa']);
  assert.ok(x.onboarding.every((i) => !i.personal_care_only && i.due));
  x = expect(await secretary.api('POST', `/api/v1/applications/${x.id}/announcement`, { announced_on: addDays(received, 12) }), 200, 'announce');
  assert.equal(x.legal_force_on, addDays(received, 33));
  const early = await strategist.api('PATCH', `/api/v1/onboarding-items/${item(x, 'signing').id}`, { planned_on: addDays(received, 30) });
  refused(early, 'planned_on', /Avtalstecknandet kan inte bokas före den dag beslutet vinner laga kraft/, 'a nursing home signs after legal force');
  const bare = await strategist.api('POST', `/api/v1/applications/${x.id}/agreement`, { signed_on: addDays(received, 40) });
  assert.equal(bare.status, 422, bare.text);
  const fields = bare.json().errors.map((e) => e.field);
  assert.ok(fields.includes('case_ref') && fields.includes('end'), `no LOV agreement for nursing homes: ${fields}`);
  x = expect(await strategist.api('POST', `/api/v1/applications/${x.id}/agreement`, {
    signed_on: addDays(received, 40), case_ref: 'SN 2026/0500', end: stockholmDate(24),
  }), 201, 'sign with a case reference');
  const agreement = expect(await strategist.api('GET', `/api/v1/agreements/${x.agreement_id}`), 200, 'agreement');
  assert.equal(agreement.case_ref, 'SN 2026/0500');
  assert.equal(agreement.form, 'lov');
  assert.equal(agreement.service_area, 'nursing_home');
  assert.equal(agreement.approved_on, addDays(received, 10));
  assert.equal(agreement.end, stockholmDate(24));
  assert.equal(agreement.title, 'Kundval särskilt boende för äldre (LOV)', 'a title of its own');
});

// ---- the guards of the decision ----

test('an approval is refused, naming the reason, until the routine has been followed', async () => {
  const G = addDays(TODAY, -60);
  let g = await apply({ name: 'Vaktens Omsorg AB', received: G });
  const decide = (body) => secretary.api('POST', `/api/v1/applications/${g.id}/decision`, body);
  const approve = () => decide({ outcome: 'approve', decided_on: addDays(G, 30), paragraph: '§ 7' });

  refused(await approve(), 'outcome', /Ansökan är inte komplett/, 'not complete');
  g = expect(await step(strategist, g.id, { step: 'supplements', complete_on: addDays(G, 5) }), 200, 'complete');
  const early = await decide({ outcome: 'approve', decided_on: addDays(G, 4) });
  refused(early, 'decided_on', /före den dag ansökan blev komplett/, 'decided before complete');

  let errors = refused(await approve(), 'outcome', /Minst två referenser om företagets ledning krävs före ett godkännande; 0 är dokumenterade/, 'no references');
  const messages = () => errors.map((e) => e.message).join('\n');
  assert.match(messages(), /Minst två referenser om verksamhetsansvarig krävs före ett godkännande; 0 är dokumenterade/);
  assert.match(messages(), /Ingen kreditupplysning är registrerad för ansökan/);
  assert.match(messages(), /Ingen kontroll med Skatteverket är registrerad för ansökan/);
  assert.match(messages(), /ledningssystem för systematiskt kvalitetsarbete är inte kontrollerat/);

  for (const about of ['management', 'operations_manager'])
    expect(await strategist.api('POST', `/api/v1/applications/${g.id}/references`, {
      about, referee: 'En referens', asked_on: addDays(G, 6), asked_by: 'Strategen', statement: 'Bra.',
    }), 201, `reference ${about}`);
  errors = refused(await approve(), 'outcome', /ledning krävs före ett godkännande; 1 är dokumenterade/, 'one reference each');
  assert.match(messages(), /verksamhetsansvarig krävs före ett godkännande; 1 är dokumenterade/);
  for (const about of ['management', 'operations_manager'])
    expect(await strategist.api('POST', `/api/v1/applications/${g.id}/references`, {
      about, referee: 'En annan referens', asked_on: addDays(G, 7), asked_by: 'Strategen', statement: 'Bra.',
    }), 201, `second reference ${about}`);

  // a passing credit check more than 90 days before receipt does not count
  expect(await strategist.api('POST', '/api/v1/checks', {
    org_nr: g.org_nr, kind: 'credit', bureau: 'creditsafe', checked_on: addDays(G, -91), value: 80,
  }), 201, 'an old credit check');
  errors = refused(await approve(), 'outcome', /Ingen kreditupplysning är registrerad för ansökan/, 'an old credit check');
  assert.equal((await get(strategist, g.id)).steps.checks.credit, null, 'no credit check counts');
  // a failing credit check, a passing tax check
  const credit = expect(await strategist.api('POST', '/api/v1/checks', {
    org_nr: g.org_nr, kind: 'credit', bureau: 'creditsafe', checked_on: addDays(G, 8), value: 20,
  }), 201, 'failing credit');
  assert.equal(credit.passed, false);
  expect(await strategist.api('POST', '/api/v1/checks', {
    org_nr: g.org_nr, kind: 'tax', checked_on: addDays(G, 8), f_tax: true, taxes_paid: true, contributions_paid: true, enforcement_debt: 0,
  }), 201, 'tax');
  expect(await step(strategist, g.id, { step: 'qms', done_on: addDays(G, 9), approved: false, notes: 'Avvikelsehantering saknas.' }), 200, 'qms not approved');
  errors = refused(await approve(), 'outcome', /Kreditupplysningen är inte godkänd\. Ett godkännande kräver ett dokumenterat undantag med skäl/, 'failing credit');
  assert.doesNotMatch(messages(), /referenser/, 'the references suffice');
  assert.doesNotMatch(messages(), /Skatteverket/, 'the tax check passed');
  assert.match(messages(), /ledningssystem för systematiskt kvalitetsarbete är inte godkänt/);
  const unanswered = await step(strategist, g.id, { step: 'qms', done_on: addDays(G, 9), approved: '' });
  refused(unanswered, 'approved', /Ange om ledningssystemet är godkänt/, 'qms without an answer');

  // a stale form is refused; the current version goes through
  const current = (await get(strategist, g.id)).version;
  const stale = await step(strategist, g.id, { step: 'qms', done_on: addDays(G, 10), approved: true, version: current - 1 });
  assert.equal(stale.status, 409, stale.text);
  assert.match(stale.json().detail, /ändrats av någon annan/);
  assert.equal((await get(strategist, g.id)).steps.qms.approved, false, 'the stale change was not stored');
  g = expect(await step(strategist, g.id, { step: 'qms', done_on: addDays(G, 10), approved: true, version: current }), 200, 'qms approved');
  assert.equal(g.version, current + 1);

  errors = refused(await approve(), 'outcome', /Kreditupplysningen är inte godkänd/, 'still the credit check');
  assert.equal(errors.length, 1, messages());
  g = expect(await step(strategist, g.id, {
    step: 'checks', exception: 'Nystartat bolag utan historik; moderbolaget går i borgen.',
  }), 200, 'a documented exception');
  assert.equal(g.steps.checks.exception, 'Nystartat bolag utan historik; moderbolaget går i borgen.');
  assert.equal(g.steps.checks.credit.passed, false, 'the failed check is still shown');
  g = expect(await approve(), 200, 'approved with the exception');
  assert.equal(g.status, 'approved');
  assert.equal(g.onboarding.length, 10);
  const second = await approve();
  assert.equal(second.status, 409, 'a second decision');
  const ref = await strategist.api('POST', `/api/v1/applications/${g.id}/references`, {
    about: 'management', referee: 'Sen', asked_on: addDays(G, 31), asked_by: 'Strategen', statement: 'Sent.',
  });
  refused(ref, 'about', /redan beslutat/, 'a reference after the decision');
});

test('no personnummer in notes, an org_nr must be valid, and the input must make sense', async () => {
  const before = (await get(strategist, main.id)).notes.length;
  for (const text of ['Samtal med 19121212-1212 om ansökan.', 'Kontaktperson 121212-1212.']) {
    const res = await strategist.api('POST', `/api/v1/applications/${main.id}/notes`, { kind: 'journal', noted_on: D(5), text });
    refused(res, 'text', /personnummer/, `a personnummer in "${text}"`);
  }
  assert.equal((await get(strategist, main.id)).notes.length, before, 'nothing stored');
  const ref = await strategist.api('POST', `/api/v1/applications/${main.id}/references`, {
    about: 'management', referee: 'X', asked_on: D(5), asked_by: 'Y', statement: 'Om 19121212-1212.',
  });
  refused(ref, 'statement', /personnummer/, 'a personnummer in a reference');

  const count = sql('SELECT count(*) AS n FROM application')[0].n;
  const orgs = sql('SELECT count(*) AS n FROM organisation')[0].n;
  const badNr = await strategist.api('POST', '/api/v1/applications', {
    org_nr: badCheckDigit(orgNr(9500)), name: 'Felnumret AB', service_area: 'home_care', received: TODAY,
  });
  refused(badNr, 'org_nr', /./, 'an invalid org_nr');
  const noName = await strategist.api('POST', '/api/v1/applications', {
    org_nr: orgNr(9501), service_area: 'home_care', received: TODAY,
  });
  refused(noName, 'name', /finns inte bland utförarna: ange företagets namn/, 'a new organisation without its name');
  const nothing = await strategist.api('POST', '/api/v1/applications', {});
  assert.equal(nothing.status, 422);
  const fields = nothing.json().errors.map((e) => e.field);
  for (const f of ['org_nr', 'service_area', 'received']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  const future = await strategist.api('POST', '/api/v1/applications', {
    org_nr: orgNr(9502), name: 'Framtiden AB', service_area: 'home_care', received: addDays(TODAY, 1),
  });
  refused(future, 'received', /efter i dag/, 'received tomorrow');
  const careOutside = await strategist.api('POST', '/api/v1/applications', {
    org_nr: orgNr(9503), name: 'Boendet AB', service_area: 'nursing_home', personal_care: true, received: TODAY,
  });
  refused(careOutside, 'personal_care', /bara ansökningar om hemtjänst/, 'personal care outside home care');
  const unknownOrg = await strategist.api('POST', '/api/v1/applications', {
    organisation_id: 999999, service_area: 'home_care', received: TODAY,
  });
  refused(unknownOrg, 'organisation_id', /Utföraren finns inte/, 'an organisation that does not exist');
  assert.equal(sql('SELECT count(*) AS n FROM application')[0].n, count, 'no application stored');
  assert.equal(sql('SELECT count(*) AS n FROM organisation')[0].n, orgs, 'no organisation stored');
  // a known organisation, by id or by org_nr: no new one, its name kept
  const byId = expect(await strategist.api('POST', '/api/v1/applications', {
    organisation_id: main.organisation_id, service_area: 'home_care', received: TODAY,
  }), 201, 'by organisation_id');
  assert.equal(byId.organisation_id, main.organisation_id);
  assert.equal(byId.personal_care, false, 'personal care only when said');
  const byNr = expect(await strategist.api('POST', '/api/v1/applications', {
    org_nr: main.org_nr, name: 'Annat namn AB', service_area: 'home_care', received: TODAY,
  }), 201, 'by org_nr');
  assert.equal(byNr.organisation_id, main.organisation_id);
  assert.equal(byNr.name, 'Solrosens Hemtjänst AB', 'the known organisation keeps its name');
  assert.equal(sql('SELECT count(*) AS n FROM organisation')[0].n, orgs, 'no organisation created');
  const badStep = await step(strategist, main.id, { step: 'coffee' });
  refused(badStep, 'step', /Steget coffee finns inte/, 'an unknown step');
  assert.equal((await strategist.api('GET', '/api/v1/applications?status=maybe')).status, 422);
  assert.equal((await strategist.api('GET', '/api/v1/applications/999999')).status, 404);
  assert.equal((await step(strategist, 999999, { step: 'first_review', done_on: TODAY })).status, 404);
  for (const path of ['steps', 'references', 'notes', 'decision', 'announcement', 'agreement']) {
    const res = await deputy.api('POST', `/api/v1/applications/999999/${path}`);
    assert.equal(res.status, 404, `an unknown application is 404 whatever the body (${path}): ${res.text}`);
  }
  assert.equal((await strategist.api('POST', `/api/v1/applications/${main.id}/notes`)).status, 415, 'a known one without a body');
});

// ---- who may do what ----

test('permissions: the case worker reads nothing, the lawyer works the case but does not decide', async () => {
  assert.equal((await caseWorker.api('GET', '/api/v1/applications')).status, 403);
  assert.equal((await caseWorker.api('GET', `/api/v1/applications/${main.id}`)).status, 403);
  const received = addDays(TODAY, -10);
  const x = await apply({ name: 'Juristens Fall AB', received });
  const worked = await step(lawyer, x.id, { step: 'first_review', done_on: addDays(received, 1), notes: 'Granskad av juristen.' });
  assert.equal(expect(worked, 200, 'lawyer works a step').steps.first_review.notes, 'Granskad av juristen.');
  expect(await lawyer.api('POST', `/api/v1/applications/${x.id}/notes`, { noted_on: received, text: 'Juristens journal.' }), 201, 'lawyer note');
  expect(await step(lawyer, x.id, { step: 'supplements', complete_on: addDays(received, 2) }), 200, 'lawyer completes');
  assert.equal((await lawyer.api('POST', `/api/v1/applications/${x.id}/decision`, {
    outcome: 'reject', decided_on: addDays(received, 3), reason: 'Test',
  })).status, 403, 'the lawyer may not record the decision');
  assert.equal((await lawyer.api('POST', `/api/v1/applications/${x.id}/announcement`, { announced_on: TODAY })).status, 403);
  // a deputy director may record it too (application.decide); the secretary has done so above
  assert.equal((await secretary.api('POST', `/api/v1/applications/${x.id}/steps`, { step: 'memo', done_on: TODAY })).status, 403,
    'the secretary does not work the case');
  const decided = expect(await secretary.api('POST', `/api/v1/applications/${x.id}/decision`, {
    outcome: 'reject', decided_on: addDays(received, 3), reason: 'Uppfyller inte kraven på ledningssystem.',
  }), 200, 'the secretary decides');
  assert.equal(decided.status, 'rejected');
  // the secretary reads the list and the case
  assert.equal((await secretary.api('GET', '/api/v1/applications')).status, 200);
});

test('an item of the introduction is changed by the one responsible for it, or by those who handle applications', async () => {
  const received = addDays(TODAY, -40);
  let x = await apply({ name: 'Introduktionens Omsorg AB', received, personal_care: false });
  expect(await step(strategist, x.id, { step: 'supplements', complete_on: addDays(received, 1) }), 200, 'complete');
  await fourReferences(x.id, addDays(received, 2));
  await passingChecks(x.org_nr, addDays(received, 2));
  expect(await step(strategist, x.id, { step: 'qms', done_on: addDays(received, 3), approved: true }), 200, 'qms');
  x = expect(await deputy.api('POST', `/api/v1/applications/${x.id}/decision`, {
    outcome: 'approve', decided_on: addDays(received, 4), paragraph: '§ 3',
  }), 200, 'the deputy director may record the decision too');
  const [viva, hsa] = [item(x, 'viva'), item(x, 'hsa')];
  const assign = await strategist.api('PATCH', `/api/v1/onboarding-items/${viva.id}`, { responsible_id: uid['sektion@example.org'] });
  assert.equal(item(expect(assign, 200, 'assign'), 'viva').responsible_name, 'sektion@example.org');
  const outsider = await strategist.api('PATCH', `/api/v1/onboarding-items/${hsa.id}`, { responsible_id: 999999 });
  refused(outsider, 'responsible_id', /användare i förvaltningen/, 'an unknown responsible');
  x = expect(await sectionManager.api('PATCH', `/api/v1/onboarding-items/${viva.id}`, {
    done_on: addDays(received, 5), notes: 'Utbildning i Viva hållen.',
  }), 200, 'the responsible section manager marks it done');
  assert.equal(item(x, 'viva').done_on, addDays(received, 5));
  const notHers = await sectionManager.api('PATCH', `/api/v1/onboarding-items/${hsa.id}`, { done_on: addDays(received, 5) });
  assert.equal(notHers.status, 403, notHers.text);
  assert.equal(item(await get(strategist, x.id), 'hsa').done, false);
  assert.equal((await sectionManager.api('POST', `/api/v1/applications/${x.id}/steps`, { step: 'memo', done_on: TODAY })).status, 403);
});

test('the list answers with the average days to a decision', async () => {
  const list = expect(await strategist.api('GET', '/api/v1/applications'), 200, 'list');
  assert.equal(list.total, list.items.length);
  const decided = list.items.filter((x) => x.decided_on);
  assert.ok(decided.length >= 5, `${decided.length} decided`);
  const mean = (xs) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  assert.equal(list.average_days_to_decision, mean(decided.map((x) => daysBetween(x.received, x.decided_on))));
  assert.equal(list.average_processing_days, mean(decided.map((x) => daysBetween(x.complete_on, x.decided_on))));
  const received = list.items.map((x) => x.received);
  assert.deepEqual(received, [...received].sort().reverse(), 'newest first');
  const rejected = expect(await strategist.api('GET', '/api/v1/applications?status=rejected'), 200, 'rejected');
  assert.ok(rejected.items.length >= 2 && rejected.items.every((x) => x.outcome === 'reject'));
  const none = expect(await strategist.api('GET', '/api/v1/applications?status=received'), 200, 'received');
  assert.ok(none.items.every((x) => x.decided_on === null));
});

test('the audit log keeps every change of the case, and the organisation it created', async () => {
  const history = expect(await strategist.api('GET', `/api/v1/organisations/${main.organisation_id}/history`), 200, 'history');
  assert.ok(history.items.some((h) => h.action === 'create'), 'the organisation created with the application is audited');
  // applications have no history route of their own: the log itself
  const actions = sql(`SELECT action, actor FROM audit WHERE entity = 'application' AND entity_id = ${main.id} ORDER BY id`);
  const seen = actions.map((a) => a.action);
  for (const a of ['create', 'step_first_review', 'step_supplements', 'step_checks', 'step_info_meeting', 'step_qms',
    'step_attachments', 'step_assessment', 'step_mbl', 'step_memo', 'add_reference', 'add_note', 'decide', 'announce',
    'update_onboarding', 'sign'])
    assert.ok(seen.includes(a), `${a} is audited: ${seen}`);
  assert.equal(seen.filter((a) => a === 'add_reference').length, 4);
  assert.ok(actions.find((a) => a.action === 'decide').actor.includes('namnd@example.org'), 'the secretary decided');
  const decide = sql(`SELECT before_json, after_json FROM audit WHERE entity = 'application' AND entity_id = ${main.id} AND action = 'decide'`)[0];
  assert.equal(JSON.parse(decide.before_json).outcome, '');
  assert.equal(JSON.parse(decide.after_json).outcome, 'approve');
  // nothing refused was logged
  assert.equal(sql(`SELECT count(*) AS n FROM audit WHERE entity = 'application' AND after_json LIKE '%1212-1212%'`)[0].n, 0);
  const agreement = sql(`SELECT action FROM audit WHERE entity = 'agreement' AND entity_id = ${(await get(strategist, main.id)).agreement_id}`);
  assert.deepEqual(agreement.map((a) => a.action), ['create']);
});

test('a provider user does not reach the administration\'s applications API', async () => {
  addUser(server.db, 'solrosen@example.org', 'provider_user', main.org_nr);
  provider = await login('solrosen@example.org');
  for (const [method, path, body] of [
    ['GET', '/api/v1/applications'],
    ['GET', `/api/v1/applications/${main.id}`],
    ['POST', '/api/v1/applications', { org_nr: main.org_nr, service_area: 'home_care', received: TODAY }],
    ['POST', `/api/v1/applications/${main.id}/steps`, { step: 'first_review', done_on: TODAY }],
    ['POST', `/api/v1/applications/${main.id}/notes`, { noted_on: TODAY, text: 'Från utföraren.' }],
    ['POST', `/api/v1/applications/${main.id}/references`, { about: 'management' }],
    ['POST', `/api/v1/applications/${main.id}/decision`, { outcome: 'approve' }],
    ['POST', `/api/v1/applications/${main.id}/announcement`, { announced_on: TODAY }],
    ['POST', `/api/v1/applications/${main.id}/agreement`, { signed_on: TODAY }],
    ['PATCH', `/api/v1/onboarding-items/${main.onboarding[0].id}`, { notes: 'x' }],
  ]) {
    const res = await provider.api(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}: ${res.text.slice(0, 200)}`);
    assert.doesNotMatch(res.text, /Solrosens|Goda omdömen|Karin Ek/, `${method} ${path} tells nothing of the case`);
  }
});

test('an application the applicant withdraws ends undecided: its deadlines go, nothing more is done with it', async () => {
  const x = await apply({ name: 'Återkallande Omsorg AB', received: addDays(TODAY, -40) });
  expect(await step(strategist, x.id, { step: 'supplements', requested_on: addDays(TODAY, -35), request: 'Meritförteckning.' }), 200, 'supplements asked for');
  // the date must make sense, and the lawyer works cases too; a case worker does not
  refused(await strategist.api('POST', `/api/v1/applications/${x.id}/withdrawal`, { withdrawn_on: addDays(TODAY, -41) }),
    'withdrawn_on', /före den dag ansökan kom in/, 'before receipt');
  refused(await strategist.api('POST', `/api/v1/applications/${x.id}/withdrawal`, { withdrawn_on: addDays(TODAY, 1) }),
    'withdrawn_on', /efter i dag/, 'in the future');
  refused(await strategist.api('POST', `/api/v1/applications/${x.id}/withdrawal`, { withdrawn_on: TODAY, note: 'Ring 19121212-1212' }),
    'note', /personnummer/, 'a personnummer in the note');
  assert.equal((await caseWorker.api('POST', `/api/v1/applications/${x.id}/withdrawal`, { withdrawn_on: TODAY })).status, 403);
  const w = expect(await lawyer.api('POST', `/api/v1/applications/${x.id}/withdrawal`, {
    withdrawn_on: addDays(TODAY, -30), note: 'Företaget drar tillbaka ansökan, enligt e-post från verksamhetschefen.',
  }), 200, 'withdrawn');
  assert.equal(w.status, 'withdrawn');
  assert.equal(w.status_label, 'Återkallad');
  assert.equal(w.withdrawn_on, addDays(TODAY, -30));
  assert.equal(w.supplement_due, null, 'no deadline for the applicant any more');
  assert.equal(w.supplement_request_due, null);
  assert.equal(w.days_open, 10, 'the days stop at the withdrawal');
  // from then on: no step, no reference, no decision, no second withdrawal
  assert.equal((await step(strategist, x.id, { step: 'first_review', done_on: TODAY })).status, 409);
  assert.equal((await strategist.api('POST', `/api/v1/applications/${x.id}/references`, {
    about: 'management', referee: 'R', asked_on: TODAY, asked_by: 'S', statement: 'Bra.' })).status, 422);
  assert.equal((await secretary.api('POST', `/api/v1/applications/${x.id}/decision`, { outcome: 'reject', decided_on: TODAY, reason: 'x' })).status, 409);
  assert.equal((await strategist.api('POST', `/api/v1/applications/${x.id}/withdrawal`, { withdrawn_on: TODAY })).status, 409);
  const list = expect(await strategist.api('GET', '/api/v1/applications?status=withdrawn'), 200);
  assert.deepEqual(list.items.map((a) => a.id), [x.id]);
  // an application the committee has decided is not withdrawn here
  assert.equal((await strategist.api('POST', `/api/v1/applications/${main.id}/withdrawal`, { withdrawn_on: TODAY })).status, 409);
  // and it is audited
  assert.equal(sql(`SELECT count(*) AS n FROM audit WHERE entity = 'application' AND entity_id = ${x.id} AND action = 'withdraw'`)[0].n, 1);
});
