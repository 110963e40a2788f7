// schedule.test.mjs — seed 003's routine for LOV home care applied to an agreement signed
// 2020-06-05: the follow-up schedule `insyn schedule` prints, lengthened by an extension and
// cut by an early end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, c, agreement;

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@example.org')).status, 303);
  const org = await createOrg(c, { name: 'Omsorg i Norrvik AB', org_nr: orgNr(4242) });
  agreement = await createAgreement(c, {
    case_ref: 'SN 2020/0300', title: 'Kundval hemtjänst', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2020-06-05', end: '2022-06-04',
    extensions_left: 1, extension_months: 12, latest_end: '2023-06-04',
  });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

// The schedule as { activity: [dates] }, dates marked "*" when they may be done in writing.
function schedule(args = []) {
  const r = cli(['schedule', server.db, '--agreement', 'SN 2020/0300', '--format', 'json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  for (const row of rows) {
    for (const key of ['agreement', 'activity', 'level', 'responsible_role', 'due', 'status']) {
      assert.ok(key in row, `${key} in ${JSON.stringify(row)}`);
    }
    assert.equal(row.agreement, 'SN 2020/0300');
    assert.equal(row.level, 'provider');
  }
  const by = {};
  for (const row of rows) (by[row.activity] ??= []).push(row.due + (row.may_be_written ? '*' : ''));
  return { by, rows };
}

const FIRST_YEAR = 'Avtalsuppföljning första året';
const HALF_YEARLY = 'Avtalsuppföljning med samtliga utförare';
const TAX = 'Kontroll med Skatteverket samt kredituppföljning';
const ANNUAL_REPORT = 'Granskning av utförarens verksamhetsberättelse och årsredovisning';
const MEETING = 'Utförarträff';
const INTRO = 'Introduktion av ny utförare';

test('the routine gives the schedule of seed 003 over the agreement\'s life', () => {
  const { by, rows } = schedule();
  assert.deepEqual(by[INTRO], ['2020-06-19']);
  assert.deepEqual(by[FIRST_YEAR], ['2020-09-05', '2020-12-05', '2021-03-05', '2021-06-05']);
  assert.deepEqual(by[HALF_YEARLY], ['2021-12-05']);
  assert.deepEqual(by[TAX], ['2021-06-05']);
  assert.deepEqual(by[ANNUAL_REPORT], ['2021-06-05']);
  assert.equal(by[MEETING], undefined, 'provider meetings are held with all providers, not per agreement');
  assert.equal(Object.keys(by).length, 5, 'as-needed, system, joint and individual rows are not tasks of an agreement');
  const responsible = Object.fromEntries(rows.map((r) => [r.activity, r.responsible_role]));
  assert.equal(responsible[FIRST_YEAR], 'strategist');
  assert.equal(responsible[TAX], 'lawyer');
  assert.ok(rows.every((r) => r.status === 'overdue'), 'all of them lie in the past and are not done');
  const dues = rows.map((r) => r.due);
  assert.deepEqual(dues, [...dues].sort(), 'sorted by due date');
});

test('--from and --to narrow the schedule', () => {
  const { rows } = schedule(['--from', '2021-06-01', '--to', '2021-06-30']);
  assert.deepEqual(rows.map((r) => r.activity).sort(), [FIRST_YEAR, ANNUAL_REPORT, TAX].sort());
  const bad = cli(['schedule', server.db, '--from', '2021-13-01']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /ÅÅÅÅ-MM-DD/);
});

test('an extension lengthens the schedule', async () => {
  const page = await c.get(`/avtal/${agreement.id}`);
  assert.match(page.text, /Förläng till 2023-06-04/);
  const res = await c.post(`/avtal/${agreement.id}/forlang`, {});
  assert.equal(res.status, 303);
  const { by } = schedule();
  assert.deepEqual(by[HALF_YEARLY], ['2021-12-05', '2022-06-05*', '2022-12-05']);
  assert.deepEqual(by[TAX], ['2021-06-05', '2022-06-05']);
  assert.deepEqual(by[FIRST_YEAR], ['2020-09-05', '2020-12-05', '2021-03-05', '2021-06-05']);
});

test('an early end drops the later tasks', async () => {
  const res = await c.api('PATCH', `/api/v1/agreements/${agreement.id}`, {
    end: '2021-01-31', latest_end: '2021-01-31', extensions_left: 0, status: 'terminated',
    termination_reason: 'Utföraren har lagt ned verksamheten.',
  });
  assert.equal(res.status, 200, res.text);
  const { by } = schedule();
  assert.deepEqual(by, {
    [INTRO]: ['2020-06-19'],
    [FIRST_YEAR]: ['2020-09-05', '2020-12-05'],
  });
});

test('the table and CSV formats', () => {
  const table = cli(['schedule', server.db, '--agreement', 'SN 2020/0300']);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /^Förfaller\s+Status\s+Avtal/);
  assert.match(table.stdout, /2020-06-19\s+försenad\s+SN 2020\/0300\s+Omsorg i Norrvik AB/);
  const csv = cli(['schedule', server.db, '--format', 'csv']);
  assert.equal(csv.code, 0);
  assert.equal(csv.stdout.split('\r\n')[0], 'due,status,agreement,organisation,activity,level,responsible_role,may_be_written');
  const bad = cli(['schedule', server.db, '--format', 'xml']);
  assert.equal(bad.code, 1);
});

test('the provider meeting is one quarterly task of each routine, whatever the number of agreements', async () => {
  const all = JSON.parse(cli(['schedule', server.db, '--format', 'json']).stdout);
  const meetings = all.filter((r) => r.activity === MEETING);
  const byRoutine = {};
  for (const m of meetings) (byRoutine[m.routine] ??= []).push(m);
  assert.deepEqual(Object.keys(byRoutine).sort(),
    ['Kundval hemtjänst (LOV)', 'Särskilda boenden för äldre, extern drift och egen regi']);
  for (const list of Object.values(byRoutine)) {
    assert.ok(list.every((m) => m.level === 'joint' && m.agreement_id === 0 && m.responsible_role === 'deputy_director'));
    const dues = list.map((m) => m.due);
    assert.equal(new Set(dues).size, dues.length, 'one meeting a day, not one per agreement');
    assert.deepEqual(dues.slice(0, 4), ['2020-09-05', '2020-12-05', '2021-03-05', '2021-06-05'], 'quarterly from the routine');
  }
  // a second home-care agreement adds no meeting
  const org = await createOrg(c, { name: 'Omsorg i Sydvik AB', org_nr: orgNr(4243) });
  await createAgreement(c, {
    case_ref: 'SN 2020/0310', title: 'Kundval hemtjänst, Sydvik', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2020-08-01', end: '2024-07-31',
  });
  const again = JSON.parse(cli(['schedule', server.db, '--format', 'json']).stdout).filter((r) => r.activity === MEETING);
  assert.equal(again.length, meetings.length);
});
