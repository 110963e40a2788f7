// agreement_dates.test.mjs — when a provider was approved and when its agreement was signed
// (seed 003: introduction "snarast efter godkännande" for LOV home care, "snarast efter
// avtalstecknande" for nursing homes): kept on the agreement through form, API, import and
// export, and what the introduction's due date counts from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, c, org;
const INTRO = 'Introduktion av ny utförare';

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@example.org')).status, 303);
  org = await createOrg(c, { name: 'Omsorg i Datumvik AB', org_nr: orgNr(5150) });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

function intro(caseRef) {
  const r = cli(['schedule', server.db, '--agreement', caseRef, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).filter((t) => t.activity === INTRO);
}

test('introduction counts from the approval when the agreement has it, else from the start with a note', async () => {
  const approved = await createAgreement(c, {
    case_ref: 'SN 2020/0501', title: 'Kundval hemtjänst, godkänd', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2020-06-05', end: '2022-06-04', approved_on: '2020-05-04', signed_on: '2020-05-20',
  });
  assert.equal(approved.approved_on, '2020-05-04');
  assert.equal(approved.signed_on, '2020-05-20');
  let tasks = intro('SN 2020/0501');
  assert.deepEqual(tasks.map((t) => t.due), ['2020-05-18'], 'fourteen days after the approval');
  assert.equal(tasks[0].note, '');

  const unknown = await createAgreement(c, {
    case_ref: 'SN 2020/0502', title: 'Kundval hemtjänst, utan beslutsdatum', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2020-06-05', end: '2022-06-04',
  });
  assert.equal(unknown.approved_on, null);
  tasks = intro('SN 2020/0502');
  assert.deepEqual(tasks.map((t) => t.due), ['2020-06-19']);
  assert.match(tasks[0].note, /saknar datum för godkännande.*startdatum/);
  // the note shows where the follow-up is listed
  assert.match((await c.get(`/avtal/${unknown.id}`)).text, /saknar datum för godkännande/);

  // the date entered later moves the introduction
  const patched = await c.api('PATCH', `/api/v1/agreements/${unknown.id}`, { approved_on: '2020-05-11' });
  assert.equal(patched.status, 200, patched.text);
  tasks = intro('SN 2020/0502');
  assert.deepEqual(tasks.map((t) => [t.due, t.note]), [['2020-05-25', '']]);
});

test('a nursing home\'s introduction counts from the signing', async () => {
  await createAgreement(c, {
    case_ref: 'SN 2019/0601', title: 'Drift av särskilt boende', form: 'lou', service_area: 'nursing_home',
    organisation_id: org.id, start: '2019-07-01', end: '2023-06-30', approved_on: '2019-04-02', signed_on: '2019-05-20',
  });
  assert.deepEqual(intro('SN 2019/0601').map((t) => [t.due, t.note]), [['2019-06-03', '']]);
  await createAgreement(c, {
    case_ref: 'SN 2019/0602', title: 'Drift av särskilt boende, osignerat datum', form: 'lou',
    service_area: 'nursing_home', organisation_id: org.id, start: '2019-07-01', end: '2023-06-30',
    approved_on: '2019-04-02',
  });
  const [t] = intro('SN 2019/0602');
  assert.equal(t.due, '2019-07-15');
  assert.match(t.note, /saknar datum för avtalstecknande/);
});

test('the dates are checked, kept through the form and shown in history', async () => {
  const bad = await c.api('POST', '/api/v1/agreements', {
    case_ref: 'SN 2020/0503', title: 'Fel ordning', form: 'lov', service_area: 'home_care', organisation_id: org.id,
    start: '2020-06-05', end: '2022-06-04', approved_on: '2020-05-20', signed_on: '2020-05-04', status: 'active',
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json().errors.map((e) => e.field), ['signed_on']);
  const notADate = await c.api('POST', '/api/v1/agreements', {
    case_ref: 'SN 2020/0503', title: 'Fel datum', form: 'lov', service_area: 'home_care', organisation_id: org.id,
    start: '2020-06-05', end: '2022-06-04', approved_on: '4 maj', status: 'active',
  });
  assert.equal(notADate.status, 422);
  assert.match(notADate.json().errors[0].message, /Datum för godkännande ska vara ett datum/);

  const g = await createAgreement(c, {
    case_ref: 'SN 2020/0504', title: 'Formulärets datum', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2020-06-05', end: '2022-06-04',
  });
  const form = await c.get(`/avtal/${g.id}/andra`);
  assert.match(form.text, /<label for="approved_on">Datum för godkännande<\/label>/);
  const saved = await c.post(`/avtal/${g.id}`, {
    case_ref: g.case_ref, title: g.title, form: g.form, service_area: g.service_area, organisation_id: String(org.id),
    start: g.start, end: g.end, extensions_left: '0', extension_months: '0', latest_end: g.latest_end,
    approved_on: '2020-05-04', signed_on: '2020-05-20', status: 'active',
  });
  assert.equal(saved.status, 303, saved.text);
  const page = await c.get(`/avtal/${g.id}`);
  assert.match(page.text, /<dt>Godkänd<\/dt><dd>2020-05-04<\/dd>/);
  assert.match(page.text, /<dt>Avtalet tecknat<\/dt><dd>2020-05-20<\/dd>/);
  assert.match(page.text, /Godkänd/);
  assert.match((await c.get(`/avtal/${g.id}/andra`)).text, /id="signed_on" name="signed_on" type="date" value="2020-05-20"/);
});

test('import and export carry the dates', () => {
  const file = join(server.dir, 'datum.csv');
  writeFileSync(file, 'case_ref,title,form,service_area,org_nr,start,end,approved_on,signed_on\n'
    + `SN 2021/0701,Importerad LOV,lov,home_care,${org.org_nr},2021-09-01,2023-08-31,2021-08-02,2021-08-16\n`);
  const imported = cli(['import', 'agreements', server.db, file]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(intro('SN 2021/0701').map((t) => t.due), ['2021-08-16']);
  const csv = cli(['export', 'agreements', server.db, '--format', 'csv']).stdout.split('\r\n');
  const header = csv[0].split(',');
  const row = csv.find((l) => l.startsWith('SN 2021/0701')).split(',');
  assert.equal(row[header.indexOf('approved_on')], '2021-08-02');
  assert.equal(row[header.indexOf('signed_on')], '2021-08-16');
  const json = JSON.parse(cli(['export', 'agreements', server.db, '--format', 'json']).stdout);
  assert.equal(json.find((g) => g.case_ref === 'SN 2021/0701').signed_on, '2021-08-16');
});
