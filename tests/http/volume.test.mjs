// volume.test.mjs — placements and assignments (seeds 002 and 004): the API and the pages,
// the CSV imports all or nothing with every bad line named, a case reference shared by several
// agreements resolved by organisation for placements and refused for assignments, the audit
// trail, and who may do what: a case worker reads but does not write, a provider user gets 403
// on every route.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, cli, Client } from '../lib/harness.mjs';
import { sqlJson } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement } from './fixtures.mjs';

let server;
let admin;
let caseWorker;
let provider;
let a; // provider A: two units, an agreement under the shared framework case_ref
let b; // provider B: one unit, an agreement under the same case_ref
let family; // an outpatient agreement with its own case_ref

const sql = (query) => sqlJson(server.db, query);

function count(table, where = '1=1') {
  return sql(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)[0].n;
}

function csv(name, lines) {
  const path = join(server.dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const FRAMEWORK = 'SN-2023-00412';
const PLACEMENT_HEADER = 'org_nr,unit,agreement,client,case_worker,start,end,end_reason';
const ASSIGNMENT_HEADER = 'agreement,client,kind,age_group,received,closed,hours,goal_outcome,reason';

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'admin@example.org', 'admin');
      addUser(db, 'handlaggare@example.org', 'case_worker');
    },
  });
  admin = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);
  const orgA = await createOrg(admin, { name: 'Björkhagens behandlingshem AB', org_nr: orgNr(801) });
  const unitA1 = await createUnit(admin, { organisation_id: orgA.id, name: 'HVB Björkhagen', service_area: 'hvb_adults' });
  const unitA2 = await createUnit(admin, { organisation_id: orgA.id, name: 'HVB Björkhagen, utslussning', service_area: 'hvb_adults' });
  const agA = await createAgreement(admin, {
    case_ref: FRAMEWORK, title: 'Ramavtal HVB', organisation_id: orgA.id, unit_ids: [unitA1.id], service_area: 'hvb_adults', form: 'lou_framework',
  });
  a = { org: orgA, unit: unitA1, unit2: unitA2, agreement: agA };
  const orgB = await createOrg(admin, { name: 'Tallbackens behandlingshem AB', org_nr: orgNr(802) });
  const unitB = await createUnit(admin, { organisation_id: orgB.id, name: 'HVB Tallbacken', service_area: 'hvb_adults' });
  const agB = await createAgreement(admin, {
    case_ref: FRAMEWORK, title: 'Ramavtal HVB', organisation_id: orgB.id, unit_ids: [unitB.id], service_area: 'hvb_adults', form: 'lou_framework',
  });
  b = { org: orgB, unit: unitB, agreement: agB };
  const orgF = await createOrg(admin, { name: 'Stödteamet Öppenvård AB', org_nr: orgNr(803) });
  const unitF = await createUnit(admin, { organisation_id: orgF.id, name: 'Stödteamet', service_area: 'outpatient_family' });
  const agF = await createAgreement(admin, {
    case_ref: 'SN 2015/0291', title: 'Stödinsatser för barn, ungdomar och familjer', organisation_id: orgF.id, unit_ids: [unitF.id],
    service_area: 'outpatient_family', start: '2016-01-01', end: '2019-12-31',
  });
  family = { org: orgF, unit: unitF, agreement: agF };
  addUser(server.db, 'utforare@bjorkhagen.example', 'provider_user', orgA.org_nr);
  caseWorker = new Client(server.url);
  assert.equal((await caseWorker.login('handlaggare@example.org')).status, 303);
  provider = new Client(server.url);
  assert.equal((await provider.login('utforare@bjorkhagen.example')).status, 303);
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

test('a placement through the API: 201 with names, listed under its agreement, audited', async () => {
  const res = await admin.api('POST', '/api/v1/placements', {
    org_nr: a.org.org_nr, unit_id: a.unit.id, agreement_id: a.agreement.id, client: 'K-2024-001',
    case_worker: 'Hanna.Handlaggare@Example.org', start: '2024-04-01', end: '2024-06-30', end_reason: 'planned',
  });
  assert.equal(res.status, 201, res.text);
  const p = res.json();
  assert.equal(p.organisation_id, a.org.id);
  assert.equal(p.organisation, a.org.name);
  assert.equal(p.unit, 'HVB Björkhagen');
  assert.equal(p.case_ref, FRAMEWORK);
  assert.equal(p.case_worker, 'hanna.handlaggare@example.org');
  assert.equal(p.start, '2024-04-01');
  assert.equal(p.end, '2024-06-30');
  assert.equal(p.end_reason, 'planned');
  assert.equal(p.end_reason_label, 'Planerat avslut');
  assert.equal(p.ongoing, false);
  assert.equal(res.headers.get('location'), `/api/v1/agreements/${a.agreement.id}/placements`);

  const byId = await admin.api('POST', '/api/v1/placements', {
    organisation_id: a.org.id, unit_id: a.unit2.id, agreement_id: a.agreement.id, client: 'K-2024-002',
    case_worker: 'hanna@example.org', start: '2024-05-02',
  });
  assert.equal(byId.status, 201, byId.text);
  assert.equal(byId.json().end, null);
  assert.equal(byId.json().end_reason, null);
  assert.equal(byId.json().ongoing, true);

  const list = await admin.api('GET', `/api/v1/agreements/${a.agreement.id}/placements`);
  assert.equal(list.status, 200);
  assert.equal(list.json().total, 2);
  assert.deepEqual(list.json().items.map((x) => x.client), ['K-2024-002', 'K-2024-001'], 'newest start first');
  const paged = await admin.api('GET', `/api/v1/agreements/${a.agreement.id}/placements?per_page=1&page=2`);
  assert.equal(paged.json().total, 2);
  assert.deepEqual(paged.json().items.map((x) => x.client), ['K-2024-001']);

  const audit = sql(`SELECT action, entity FROM audit WHERE entity = 'placement' AND entity_id = ${p.id}`);
  assert.deepEqual(audit, [{ action: 'create', entity: 'placement' }]);
});

test('a placement: 422 naming each wrong field, nothing stored; 404 for an unknown agreement', async () => {
  const before = count('placement');
  const cases = [
    [{}, ['org_nr', 'unit_id', 'agreement_id', 'client', 'case_worker', 'start']],
    [{ org_nr: a.org.org_nr, unit_id: b.unit.id, agreement_id: b.agreement.id, client: 'K-9', case_worker: 'x@example.org', start: '2024-05-01' },
      ['unit_id', 'agreement_id']],
    [{ org_nr: a.org.org_nr, unit_id: a.unit.id, agreement_id: a.agreement.id, client: '19121212-1212', case_worker: 'Hanna', start: '2024-05-01', end: '2024-04-30' },
      ['client', 'case_worker', 'end', 'end_reason']],
    [{ org_nr: a.org.org_nr, unit_id: a.unit.id, agreement_id: a.agreement.id, client: 'K-9', case_worker: 'x@example.org', start: '2024-05-01', end_reason: 'gone' },
      ['end_reason']],
    [{ org_nr: a.org.org_nr, unit_id: 999999, agreement_id: 999999, client: 'K-9', case_worker: 'x@example.org', start: '2024-05-01' },
      ['unit_id', 'agreement_id']],
  ];
  for (const [body, fields] of cases) {
    const res = await admin.api('POST', '/api/v1/placements', body);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.match(res.headers.get('content-type'), /problem\+json/);
    const named = res.json().errors.map((e) => e.field);
    for (const f of fields) assert.ok(named.includes(f), `${f} in ${res.text}`);
  }
  const personnummer = await admin.api('POST', '/api/v1/placements', {
    org_nr: a.org.org_nr, unit_id: a.unit.id, agreement_id: a.agreement.id, client: '121212-1212', case_worker: 'x@example.org', start: '2024-05-01',
  });
  assert.match(personnummer.json().errors.find((e) => e.field === 'client').message, /personnummer/);
  assert.equal(count('placement'), before, 'nothing was stored');
  assert.equal((await admin.api('GET', '/api/v1/agreements/999999/placements')).status, 404);
  assert.equal((await admin.api('GET', '/api/v1/agreements/999999/assignments')).status, 404);
  assert.equal((await admin.get('/avtal/999999/placeringar')).status, 404);
  assert.equal((await admin.get('/avtal/999999/insatser/ny')).status, 404);
});

test('an assignment through the API: hours as minutes, outcome only when closed, a reason when not met', async () => {
  const res = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: family.agreement.id, client: 'F-17-01', kind: 'family_treatment', age_group: 'youth',
    received: '2017-01-10', closed: '2017-08-31', hours: '12,5', goal_outcome: 'met',
  });
  assert.equal(res.status, 201, res.text);
  const x = res.json();
  assert.equal(x.minutes, 750);
  assert.equal(x.hours, 12.5);
  assert.equal(x.kind_label, 'Familjebehandling');
  assert.equal(x.age_group_label, 'Ungdom (13 år och äldre)');
  assert.equal(x.goal_outcome_label, 'Målen uppfyllda');
  assert.equal(x.case_ref, 'SN 2015/0291');
  const number = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: family.agreement.id, client: 'F-17-02', kind: 'advice_support', age_group: 'child', received: '2017-03-01', hours: 4.25,
  });
  assert.equal(number.status, 201, number.text);
  assert.equal(number.json().minutes, 255);
  assert.equal(number.json().goal_outcome, null);
  assert.equal(number.json().ongoing, true);

  const bad = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: family.agreement.id, client: 'F-17-03', kind: 'therapy', age_group: 'adult', received: '2017-03-01',
    closed: '2017-02-01', hours: '12,555', goal_outcome: 'not_met',
  });
  assert.equal(bad.status, 422);
  const named = bad.json().errors.map((e) => e.field);
  for (const f of ['kind', 'age_group', 'closed', 'hours', 'reason']) assert.ok(named.includes(f), `${f} in ${bad.text}`);
  const early = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: family.agreement.id, client: 'F-17-03', kind: 'family_treatment', age_group: 'youth', received: '2017-03-01', goal_outcome: 'met',
  });
  assert.equal(early.status, 422);
  assert.ok(early.json().errors.some((e) => e.field === 'goal_outcome'));
  const unknown = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: 999999, client: 'F-17-03', kind: 'family_treatment', age_group: 'youth', received: '2017-03-01',
  });
  assert.equal(unknown.status, 422);
  assert.ok(unknown.json().errors.some((e) => e.field === 'agreement_id'));

  const list = await admin.api('GET', `/api/v1/agreements/${family.agreement.id}/assignments`);
  assert.equal(list.status, 200);
  assert.equal(list.json().total, 2);
  assert.equal(sql(`SELECT count(*) AS n FROM audit WHERE entity = 'assignment' AND action = 'create'`)[0].n, 2);
});

test('placements import: three bad lines write nothing and name each line and field', async () => {
  const before = count('placement');
  const auditBefore = count('audit');
  const path = csv('placements-bad.csv', [
    PLACEMENT_HEADER,
    `${a.org.org_nr},HVB Björkhagen,${FRAMEWORK},K-3001,hanna@example.org,2024-06-01,,`,
    `${a.org.org_nr},HVB Tallbacken,${FRAMEWORK},K-3002,hanna@example.org,2024-06-02,,`,
    `${orgNr(899)},HVB Björkhagen,${FRAMEWORK},K-3003,hanna@example.org,2024-06-03,2024-06-01,`,
    `${a.org.org_nr},HVB Björkhagen,SN 2015/0291,19121212-1212,hanna@example.org,2024-06-04,,planned`,
    `${b.org.org_nr},HVB Tallbacken,${FRAMEWORK},K-3005,hanna@example.org,2024-06-05,,`,
  ]);
  const r = cli(['import', 'placements', server.db, path]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Inga placeringar har importerats\. Filen har fel på 3 rader\./);
  assert.match(r.stderr, /rad 3, unit: .*HVB Tallbacken/);
  assert.match(r.stderr, /rad 4, org_nr: /);
  assert.match(r.stderr, /rad 4, end: /);
  assert.match(r.stderr, /rad 4, end_reason: /);
  assert.match(r.stderr, /rad 5, agreement: .*inte tecknat med/);
  assert.match(r.stderr, /rad 5, client: .*personnummer/);
  assert.match(r.stderr, /rad 5, end_reason: /);
  assert.doesNotMatch(r.stderr, /rad 2,|rad 6,/);
  assert.equal(count('placement'), before);
  assert.equal(count('audit'), auditBefore);
});

test('placements import: a good file writes every row; a shared case_ref resolves by organisation', async () => {
  const path = csv('placements-good.csv', [
    PLACEMENT_HEADER,
    `${a.org.org_nr},HVB Björkhagen,${FRAMEWORK},K-4001,hanna@example.org,2024-07-01,,`,
    `${a.org.org_nr},"HVB Björkhagen, utslussning",${FRAMEWORK},K-4002,hanna@example.org,2024-07-02,2024-09-30,relocation_unmet_needs`,
    `${b.org.org_nr},HVB Tallbacken,${FRAMEWORK},K-4003,Sven@Example.org,2024-07-03,2024-08-01,client_left`,
  ]);
  const r = cli(['import', 'placements', server.db, path]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3 placeringar importerade/);
  const rows = sql(`SELECT client, organisation_id, unit_id, agreement_id, case_worker, end_date, end_reason FROM placement
                    WHERE client LIKE 'K-400%' ORDER BY client`);
  assert.deepEqual(rows.map((x) => [x.client, x.organisation_id, x.unit_id, x.agreement_id]), [
    ['K-4001', a.org.id, a.unit.id, a.agreement.id],
    ['K-4002', a.org.id, a.unit2.id, a.agreement.id],
    ['K-4003', b.org.id, b.unit.id, b.agreement.id],
  ]);
  assert.equal(rows[2].case_worker, 'sven@example.org');
  assert.equal(rows[1].end_reason, 'relocation_unmet_needs');
  assert.equal(count('audit', "entity = 'placement' AND action = 'import'"), 3, 'one audit record per row');
});

test('a wrong header names the expected header; a missing file is an error', async () => {
  const path = csv('placements-header.csv', ['org_nr,enhet,agreement,client,case_worker,start', `${a.org.org_nr},x,${FRAMEWORK},K,h@example.org,2024-01-01`]);
  const r = cli(['import', 'placements', server.db, path]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`Rubrikraden ska vara: ${PLACEMENT_HEADER}`), r.stderr);
  const r2 = cli(['import', 'assignments', server.db, csv('assignments-header.csv', ['agreement,client'])]);
  assert.equal(r2.code, 1);
  assert.ok(r2.stderr.includes(`Rubrikraden ska vara: ${ASSIGNMENT_HEADER}`), r2.stderr);
  assert.notEqual(cli(['import', 'assignments', server.db, join(server.dir, 'none.csv')]).code, 0);
});

test('assignments import: all or nothing; a case_ref shared by several agreements is refused', async () => {
  const before = count('assignment');
  const bad = csv('assignments-bad.csv', [
    ASSIGNMENT_HEADER,
    'SN 2015/0291,F-5001,family_treatment,youth,2017-02-01,2017-09-01,40,met,',
    `${FRAMEWORK},F-5002,family_treatment,youth,2017-02-01,,,,`,
    'SN 2015/0291,F-5003,family_treatment,teen,2017-02-01,2017-01-01,40,,',
    'SN 2015/0291,F-5004,advice_support,child,2017-02-01,2017-03-01,tolv,not_met,',
  ]);
  const r = cli(['import', 'assignments', server.db, bad]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Inga uppdrag har importerats\. Filen har fel på 3 rader\./);
  assert.match(r.stderr, /rad 3, agreement: 2 avtal har diarienummer SN-2023-00412/);
  assert.match(r.stderr, /rad 4, age_group: /);
  assert.match(r.stderr, /rad 4, closed: /);
  assert.match(r.stderr, /rad 5, hours: /);
  assert.match(r.stderr, /rad 5, reason: /);
  assert.equal(count('assignment'), before);

  const good = csv('assignments-good.csv', [
    ASSIGNMENT_HEADER,
    'SN 2015/0291,F-5001,family_treatment,youth,2017-02-01,2017-09-01,40,met,',
    'SN 2015/0291,F-5002,family_treatment,child,2017-02-01,2017-10-01,"55,5",not_met,Bristande motivation hos föräldern',
    'SN 2015/0291,F-5003,advice_support,child,2017-03-01,,,,',
  ]);
  const r2 = cli(['import', 'assignments', server.db, good]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, /3 uppdrag importerade/);
  assert.deepEqual(sql("SELECT minutes, goal_outcome, reason FROM assignment WHERE client = 'F-5002'"),
    [{ minutes: 3330, goal_outcome: 'not_met', reason: 'Bristande motivation hos föräldern' }]);
  assert.equal(count('audit', "entity = 'assignment' AND action = 'import'"), 3);
});

test('the pages: counts on the agreement, the lists, the forms re-rendered with errors', async () => {
  const page = await admin.get(`/avtal/${a.agreement.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Placeringar och insatser/);
  assert.match(page.text, new RegExp(`href="/avtal/${a.agreement.id}/placeringar">Placeringar</a>: 4, varav 2 pågår`));
  const list = await admin.get(`/avtal/${a.agreement.id}/placeringar`);
  assert.equal(list.status, 200);
  assert.match(list.text, /K-4002/);
  assert.match(list.text, /Omplacering, behoven kunde inte mötas/);
  assert.match(list.text, /Registrera placering/);
  const form = await admin.get(`/avtal/${a.agreement.id}/placeringar/ny`);
  assert.equal(form.status, 200);
  assert.match(form.text, /HVB Björkhagen, utslussning/);
  const wrong = await admin.post(`/avtal/${a.agreement.id}/placeringar`, { unit_id: String(a.unit.id), client: '19121212-1212', case_worker: 'hanna', start: '2024-08-01' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /personnummer/);
  assert.match(wrong.text, /e-postadress/);
  const other = await admin.post(`/avtal/${a.agreement.id}/placeringar`, { unit_id: String(b.unit.id), client: 'K-6001', case_worker: 'hanna@example.org', start: '2024-08-01' });
  assert.equal(other.status, 422, 'a unit of another organisation');
  const saved = await admin.post(`/avtal/${a.agreement.id}/placeringar`, { unit_id: String(a.unit.id), client: 'K-6001', case_worker: 'hanna@example.org', start: '2024-08-01' });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/avtal/${a.agreement.id}/placeringar?sparat=1`);
  assert.match((await admin.get(`/avtal/${a.agreement.id}/placeringar?sparat=1`)).text, /Placeringen är registrerad/);

  const assignments = await admin.get(`/avtal/${family.agreement.id}/insatser`);
  assert.equal(assignments.status, 200);
  assert.match(assignments.text, /55,5/);
  assert.match(assignments.text, /Bristande motivation hos föräldern/);
  const aform = await admin.get(`/avtal/${family.agreement.id}/insatser/ny`);
  assert.equal(aform.status, 200);
  const awrong = await admin.post(`/avtal/${family.agreement.id}/insatser`, { client: 'F-7001', kind: 'family_treatment', age_group: 'youth', received: '2017-05-01', hours: 'många' });
  assert.equal(awrong.status, 422);
  assert.match(awrong.text, /Antal timmar ska vara ett tal/);
  const asaved = await admin.post(`/avtal/${family.agreement.id}/insatser`, { client: 'F-7001', kind: 'family_treatment', age_group: 'youth', received: '2017-05-01', hours: '3,5' });
  assert.equal(asaved.status, 303);
});

test('a case worker reads placements and assignments but may not write them', async () => {
  assert.equal((await caseWorker.get(`/avtal/${a.agreement.id}/placeringar`)).status, 200);
  assert.equal((await caseWorker.get(`/avtal/${family.agreement.id}/insatser`)).status, 200);
  assert.equal((await caseWorker.api('GET', `/api/v1/agreements/${a.agreement.id}/placements`)).status, 200);
  const page = await caseWorker.get(`/avtal/${a.agreement.id}`);
  assert.match(page.text, /Placeringar och insatser/);
  assert.doesNotMatch(page.text, /Registrera placering/);
  assert.doesNotMatch((await caseWorker.get(`/avtal/${a.agreement.id}/placeringar`)).text, /Registrera placering/);
  const before = count('placement');
  assert.equal((await caseWorker.get(`/avtal/${a.agreement.id}/placeringar/ny`)).status, 403);
  assert.equal((await caseWorker.post(`/avtal/${a.agreement.id}/placeringar`, { unit_id: String(a.unit.id), client: 'K-1', case_worker: 'h@example.org', start: '2024-08-01' })).status, 403);
  assert.equal((await caseWorker.get(`/avtal/${family.agreement.id}/insatser/ny`)).status, 403);
  assert.equal((await caseWorker.post(`/avtal/${family.agreement.id}/insatser`, {})).status, 403);
  assert.equal((await caseWorker.api('POST', '/api/v1/placements', { org_nr: a.org.org_nr, unit_id: a.unit.id, agreement_id: a.agreement.id, client: 'K-1', case_worker: 'h@example.org', start: '2024-08-01' })).status, 403);
  assert.equal((await caseWorker.api('POST', '/api/v1/assignments', {})).status, 403);
  assert.equal(count('placement'), before);
});

test('a provider user gets 403 on every route and sees no summary on the agreement page', async () => {
  const id = a.agreement.id;
  for (const path of [`/avtal/${id}/placeringar`, `/avtal/${id}/placeringar/ny`, `/avtal/${id}/insatser`, `/avtal/${id}/insatser/ny`]) {
    assert.equal((await provider.get(path)).status, 403, path);
  }
  for (const path of [`/avtal/${id}/placeringar`, `/avtal/${id}/insatser`]) {
    assert.equal((await provider.post(path, {})).status, 403, path);
  }
  for (const path of [`/api/v1/agreements/${id}/placements`, `/api/v1/agreements/${id}/assignments`]) {
    assert.equal((await provider.api('GET', path)).status, 403, path);
  }
  assert.equal((await provider.api('POST', '/api/v1/placements', {})).status, 403);
  assert.equal((await provider.api('POST', '/api/v1/assignments', {})).status, 403);
  const page = await provider.get(`/avtal/${id}`);
  if (page.status === 200) assert.doesNotMatch(page.text, /Placeringar och insatser|K-400/);
});
