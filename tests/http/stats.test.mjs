// stats.test.mjs — one agreement's statistics for one year (seed 002's paragraph of figures):
// assignments and placements entered through the API, then the API's figures field by field,
// `insyn stats` printing the same JSON and a table, the agreement page's section with its
// sentences and year chooser, 422 for a missing or bad year and 404 for an unknown agreement
// (as docs/openapi.json describes them), 403 for a provider user, and the command line's bad
// input refused with exit 1 and a message naming the option.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, addUser, cli, Client } from '../lib/harness.mjs';
import { validate } from '../lib/schema.mjs';
import { orgNr, createOrg, createUnit, createAgreement, stockholmDate } from './fixtures.mjs';

const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
const THIS_YEAR = Number(stockholmDate().slice(0, 4));
const OUTPATIENT = 'SN 2016/0101';
const FRAMEWORK = 'SN-2024-00077';

let server;
let admin;
let caseWorker;
let provider;
let outpatient; // an outpatient agreement with the planted 2017
let hvb; // provider A's agreement under the framework case_ref, with two units
let other; // provider B's agreement under the same case_ref
let empty; // an agreement without assignments or placements
let old; // an agreement whose one assignment closed in 2016

// Checks a response against the documented operation's schema for its status.
function documented(res) {
  const op = spec.paths['/api/v1/agreements/{id}/stats'].get;
  let r = op.responses[String(res.status)];
  assert.ok(r, `status ${res.status} is documented`);
  if (r.$ref) r = spec.components.responses[r.$ref.split('/').pop()];
  const [[type, media]] = Object.entries(r.content);
  assert.equal(res.headers.get('content-type').split(';')[0], type);
  assert.deepEqual(validate(spec, media.schema, res.json()), [], res.text);
  return res.json();
}

async function stats(client, id, query) {
  return client.api('GET', `/api/v1/agreements/${id}/stats${query === undefined ? '' : `?${query}`}`);
}

async function assignment(fields) {
  const res = await admin.api('POST', '/api/v1/assignments', { agreement_id: outpatient.id, ...fields });
  assert.equal(res.status, 201, res.text);
}

async function placement(unit, agreement, org, client, start, end = '', endReason = '') {
  const res = await admin.api('POST', '/api/v1/placements', {
    org_nr: org.org_nr, unit_id: unit.id, agreement_id: agreement.id, client, case_worker: 'hanna@example.org',
    start, end, end_reason: endReason,
  });
  assert.equal(res.status, 201, res.text);
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'admin@example.org', 'admin');
      addUser(db, 'handlaggare@example.org', 'case_worker');
    },
  });
  admin = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);

  const orgF = await createOrg(admin, { name: 'Stödteamet Öppenvård AB', org_nr: orgNr(901) });
  const unitF = await createUnit(admin, { organisation_id: orgF.id, name: 'Stödteamet', service_area: 'outpatient_family' });
  outpatient = await createAgreement(admin, {
    case_ref: OUTPATIENT, title: 'Stödinsatser för barn, ungdomar och familjer', organisation_id: orgF.id,
    unit_ids: [unitF.id], service_area: 'outpatient_family', start: '2016-01-01', end: '2019-12-31',
  });
  // 2017, every edge once (lengths in days in brackets)
  const ft = { kind: 'family_treatment' };
  // received before the year, closed in it [120]
  await assignment({ ...ft, client: 'F-1', age_group: 'youth', received: '2016-11-01', closed: '2017-03-01', hours: '10', goal_outcome: 'met' });
  // received in the year, closed in the next: ongoing at year end
  await assignment({ ...ft, client: 'F-2', age_group: 'child', received: '2017-02-01', closed: '2018-01-15', hours: '15', goal_outcome: 'met' });
  // received in the year and open
  await assignment({ kind: 'advice_support', client: 'F-3', age_group: 'child', received: '2017-05-01', hours: '2' });
  // exactly 365 days [365] and 366 days [366], goals not met, the same reason twice
  await assignment({ ...ft, client: 'F-4', age_group: 'youth', received: '2016-06-30', closed: '2017-06-30', hours: '50', goal_outcome: 'not_met', reason: 'Bristande motivation hos föräldern' });
  await assignment({ ...ft, client: 'F-5', age_group: 'youth', received: '2016-06-29', closed: '2017-06-30', hours: '40,25', goal_outcome: 'not_met', reason: 'Bristande motivation hos föräldern' });
  // advice and support received and closed on the year's last day [0]
  await assignment({ kind: 'advice_support', client: 'F-6', age_group: 'child', received: '2017-12-31', closed: '2017-12-31', hours: '3' });
  // partly met [60]
  await assignment({ ...ft, client: 'F-7', age_group: 'child', received: '2017-03-01', closed: '2017-04-30', hours: '20', goal_outcome: 'partly', reason: 'Ungdom som vägrat samverka i behandling' });

  const orgA = await createOrg(admin, { name: 'Ekbackens behandlingshem AB', org_nr: orgNr(902) });
  const ek = await createUnit(admin, { organisation_id: orgA.id, name: 'HVB Ekbacken', service_area: 'hvb_youth' });
  const asp = await createUnit(admin, { organisation_id: orgA.id, name: 'HVB Asplunden', service_area: 'hvb_youth' });
  hvb = await createAgreement(admin, {
    case_ref: FRAMEWORK, title: 'Ramavtal HVB för unga', form: 'lou_framework', organisation_id: orgA.id,
    unit_ids: [ek.id, asp.id], service_area: 'hvb_youth', start: '2023-01-01', end: '2030-12-31',
  });
  hvb.org = orgA;
  const orgB = await createOrg(admin, { name: 'Tallbackens behandlingshem AB', org_nr: orgNr(903) });
  const tall = await createUnit(admin, { organisation_id: orgB.id, name: 'HVB Tallbacken', service_area: 'hvb_youth' });
  other = await createAgreement(admin, {
    case_ref: FRAMEWORK, title: 'Ramavtal HVB för unga', form: 'lou_framework', organisation_id: orgB.id,
    unit_ids: [tall.id], service_area: 'hvb_youth', start: '2023-01-01', end: '2030-12-31',
  });
  // 2024: Ekbacken [366] planned, [10] client left, one open from the year's last day;
  // Asplunden started in 2024 and ended in 2025; and one last year, after 2024
  await placement(ek, hvb, orgA, 'K-1', '2023-03-01', '2024-03-01', 'planned');
  await placement(ek, hvb, orgA, 'K-2', '2024-02-01', '2024-02-11', 'client_left');
  await placement(ek, hvb, orgA, 'K-3', '2024-12-31');
  await placement(asp, hvb, orgA, 'K-4', '2024-06-01', '2025-01-10', 'relocation_unmet_needs');
  await placement(asp, hvb, orgA, 'K-5', `${THIS_YEAR - 1}-03-01`);
  // the other provider's placement under the same case_ref is not hvb's
  await placement(tall, other, orgB, 'K-6', '2024-05-01', '2024-05-31', 'other');

  empty = await createAgreement(admin, { case_ref: 'SN 2024/0300', title: 'Avtal utan volym', organisation_id: orgF.id });
  old = await createAgreement(admin, {
    case_ref: 'SN 2015/0200', title: 'Tidigare stödinsatser', organisation_id: orgF.id, start: '2015-01-01', end: '2016-12-31',
  });
  const closed = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: old.id, kind: 'advice_support', client: 'F-0', age_group: 'child', received: '2016-01-10', closed: '2016-03-01', hours: '3',
  });
  assert.equal(closed.status, 201, closed.text);

  addUser(server.db, 'utforare@ekbacken.example', 'provider_user', orgA.org_nr);
  caseWorker = new Client(server.url);
  assert.equal((await caseWorker.login('handlaggare@example.org')).status, 303);
  provider = new Client(server.url);
  assert.equal((await provider.login('utforare@ekbacken.example')).status, 303);
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

const PLANTED_2017 = {
  received: 4, // F-2, F-3, F-6, F-7
  closed: 5, // F-1, F-4, F-5, F-6, F-7
  ongoing_at_year_end: 2, // F-2 (closed 2018), F-3 (open)
  closed_child: 2,
  closed_youth: 3,
  // 600 + 3000 + 2415 + 180 + 1200 minutes over 5 = 24,65 h: halves up
  avg_hours: 24.7,
  // 120 + 365 + 366 + 0 + 60 days over 5
  avg_days: 182.2,
  avg_months: 6.0,
  over_one_year: 1, // 366 days is, 365 is not
  closed_family_treatment: 4,
  goal_met: 1,
  goal_partly: 1,
  goal_not_met: 2,
  goal_unrecorded: 0,
  reasons_not_met: [{ reason: 'Bristande motivation hos föräldern', count: 2 }],
  reasons_partly: [{ reason: 'Ungdom som vägrat samverka i behandling', count: 1 }],
  total_since_start: 7,
  kinds: [
    { kind: 'family_treatment', label: 'Familjebehandling', count: 5 },
    { kind: 'advice_support', label: 'Råd och stöd', count: 2 },
  ],
};

const REASONS = (counts) => [
  { end_reason: 'planned', label: 'Planerat avslut', count: counts[0] },
  { end_reason: 'relocation_unmet_needs', label: 'Omplacering, behoven kunde inte mötas', count: counts[1] },
  { end_reason: 'client_left', label: 'Klienten avbröt', count: counts[2] },
  { end_reason: 'other', label: 'Annat', count: counts[3] },
];

test('the API: a planted 2017 of assignments, field by field', async () => {
  const res = await stats(admin, outpatient.id, 'year=2017');
  assert.equal(res.status, 200, res.text);
  const body = documented(res);
  assert.equal(body.agreement_id, outpatient.id);
  assert.equal(body.year, 2017);
  assert.deepEqual(body.assignments, PLANTED_2017);
  assert.match(res.text, /"avg_hours":24\.7,/, 'one decimal as written');
  assert.deepEqual(body.placements, {
    started: 0, ended: 0, ongoing_at_year_end: 0, total_since_start: 0, ended_by_reason: REASONS([0, 0, 0, 0]),
    avg_days: null, avg_months: null, units: [],
  });
  // 2016: F-1, F-4, F-5 received; none closed; all three go on
  const y2016 = documented(await stats(admin, outpatient.id, 'year=2016')).assignments;
  assert.deepEqual([y2016.received, y2016.closed, y2016.ongoing_at_year_end, y2016.total_since_start, y2016.avg_hours],
    [3, 0, 3, 3, null]);
});

test('the API: placements per agreement and per unit; another provider\'s are not counted', async () => {
  const body = documented(await stats(admin, hvb.id, 'year=2024'));
  const { units, ...whole } = body.placements;
  assert.deepEqual(whole, {
    started: 3, ended: 2, ongoing_at_year_end: 2, total_since_start: 4, ended_by_reason: REASONS([1, 0, 1, 0]),
    avg_days: 188, avg_months: 6.2, // (366 + 10) / 2 days
  });
  assert.deepEqual(units.map((u) => u.unit), ['HVB Asplunden', 'HVB Ekbacken'], 'by name');
  assert.deepEqual(units[0], {
    unit_id: units[0].unit_id, unit: 'HVB Asplunden', started: 1, ended: 0, ongoing_at_year_end: 1, total_since_start: 1,
    ended_by_reason: REASONS([0, 0, 0, 0]), avg_days: null, avg_months: null,
  });
  assert.deepEqual(units[1], {
    unit_id: units[1].unit_id, unit: 'HVB Ekbacken', started: 2, ended: 2, ongoing_at_year_end: 1, total_since_start: 3,
    ended_by_reason: REASONS([1, 0, 1, 0]), avg_days: 188, avg_months: 6.2,
  });
  const others = documented(await stats(admin, other.id, 'year=2024')).placements;
  assert.deepEqual([others.started, others.ended, others.units.length], [1, 1, 1]);
  assert.deepEqual(others.ended_by_reason, REASONS([0, 0, 0, 1]));
});

test('the API: a year without data is zeros; a missing or bad year is 422 naming year; 404 before it', async () => {
  const none = documented(await stats(admin, outpatient.id, 'year=2010'));
  assert.equal(none.assignments.received + none.assignments.closed + none.assignments.total_since_start, 0);
  assert.equal(none.assignments.avg_hours, null);
  assert.equal(none.assignments.avg_months, null);
  assert.deepEqual(documented(await stats(admin, empty.id, 'year=2024')).placements.units, []);
  for (const query of [undefined, 'year=', 'year=17', 'year=abc', 'year=2017-01', 'year=1899', 'ar=2017']) {
    const res = await stats(admin, outpatient.id, query);
    assert.equal(res.status, 422, `${query}: ${res.text}`);
    const problem = documented(res);
    assert.deepEqual(problem.errors.map((e) => e.field), ['year'], query);
    assert.match(problem.errors[0].message, /fyra siffror/);
  }
  for (const [id, query] of [[999999, 'year=2017'], [999999, undefined], ['abc', 'year=2017'], [0, 'year=x']]) {
    const res = await stats(admin, id, query);
    assert.equal(res.status, 404, `${id}?${query}`);
    documented(res);
  }
});

test('who may: a case worker reads the figures, a provider user gets 403', async () => {
  const res = await stats(caseWorker, outpatient.id, 'year=2017');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json().assignments, PLANTED_2017);
  for (const id of [hvb.id, outpatient.id]) {
    const denied = await stats(provider, id, 'year=2024');
    assert.equal(denied.status, 403, `${id}: ${denied.text}`);
    documented(denied);
  }
});

test('the command line prints the API\'s JSON; a shared case reference is refused naming both agreements', async () => {
  const api = (await stats(admin, outpatient.id, 'year=2017')).json();
  const r = cli(['stats', 'assignments', server.db, '--agreement', OUTPATIENT, '--year', '2017', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"avg_hours": 24\.7,/);
  const { agreement_id, case_ref, year, ...figures } = JSON.parse(r.stdout);
  assert.deepEqual([agreement_id, case_ref, year], [outpatient.id, OUTPATIENT, 2017]);
  assert.deepEqual(figures, api.assignments);

  const shared = cli(['stats', 'placements', server.db, '--agreement', FRAMEWORK, '--year', '2024', '--format', 'json']);
  assert.equal(shared.code, 1);
  assert.equal(shared.stdout, '');
  assert.match(shared.stderr, /--agreement: 2 avtal har diarienummer SN-2024-00077/);
  assert.match(shared.stderr, /Ekbackens behandlingshem AB/);
  assert.match(shared.stderr, /Tallbackens behandlingshem AB/);
  assert.match(shared.stderr, /--organisation/);

  const placements = (await stats(admin, hvb.id, 'year=2024')).json().placements;
  const one = cli(['stats', 'placements', server.db, '--agreement', FRAMEWORK, '--organisation', hvb.org.org_nr, '--year', '2024', '--format', 'json']);
  assert.equal(one.code, 0, one.stderr);
  const { agreement_id: id, case_ref: ref, year: y, ...rest } = JSON.parse(one.stdout);
  assert.deepEqual([id, ref, y], [hvb.id, FRAMEWORK, 2024]);
  assert.deepEqual(rest, placements);
});

test('the command line\'s table: the figures, the reasons and the sentences', () => {
  const r = cli(['stats', 'assignments', server.db, '--agreement', OUTPATIENT, '--year', '2017']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Insatser i öppenvård 2017: SN 2016\/0101, Stödinsatser för barn, ungdomar och familjer \(Stödteamet Öppenvård AB\)/);
  for (const [label, value] of [
    ['Uppdrag som kommit in under året', '4'], ['Uppdrag som avslutats under året', '5'],
    ['Pågående uppdrag vid årets slut', '2'], ['Timmar i snitt per avslutat uppdrag', '24,7'],
    ['Månader i snitt per avslutat uppdrag', '6,0'], ['Avslutade efter mer än ett år', '1'],
    ['målen inte uppfyllda', '2'], ['Uppdrag sedan avtalets start', '7'], ['Familjebehandling', '5'],
  ])
    assert.match(r.stdout, new RegExp(`^ *${label} +${value}$`, 'm'), label);
  assert.match(r.stdout, /^ {2}Bristande motivation hos föräldern \(2\)$/m);
  assert.match(r.stdout, /Under 2017 har utföraren tilldelats 4 uppdrag och avslutat 5\./);

  const none = cli(['stats', 'assignments', server.db, '--agreement', OUTPATIENT, '--year', '2010']);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /^Timmar i snitt per avslutat uppdrag +–$/m, 'an average of none is a dash');

  const p = cli(['stats', 'placements', server.db, '--agreement', FRAMEWORK, '--organisation', hvb.org.org_nr, '--year', '2024']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /^Hela avtalet$/m);
  assert.match(p.stdout, /^Enhet: HVB Asplunden$/m);
  assert.match(p.stdout, /^Enhet: HVB Ekbacken$/m);
  assert.match(p.stdout, /^Placeringar som inletts under året +3$/m);
  assert.match(p.stdout, /^ {2}Klienten avbröt +1$/m);
  assert.match(p.stdout, /^Dagar i snitt per avslutad placering +188,0$/m);
});

test('the command line\'s bad input: exit 1 with a message naming the option', () => {
  const base = ['stats', 'assignments', server.db];
  const cases = [
    [[...base, '--agreement', OUTPATIENT, '--year', '17'], /--year: "17" är inget årtal/],
    [[...base, '--agreement', OUTPATIENT, '--year', 'förra året'], /--year: /],
    [[...base, '--agreement', OUTPATIENT], /--year: ange året/],
    [[...base, '--agreement', 'SN 1999/0001', '--year', '2017'], /--agreement: Det finns inget avtal med diarienummer SN 1999\/0001/],
    [[...base, '--year', '2017'], /--agreement: ange avtalets diarienummer/],
    [[...base, '--agreement', OUTPATIENT, '--year', '2017', '--format', 'csv'], /--format ska vara table eller json/],
    [['stats', 'placements', server.db, '--agreement', FRAMEWORK, '--organisation', '123', '--year', '2024'], /--organisation: 123 är inget organisationsnummer/],
    [['stats', 'placements', server.db, '--agreement', OUTPATIENT, '--organisation', hvb.org.org_nr, '--year', '2024'], /--agreement: Avtalet med diarienummer SN 2016\/0101 är inte tecknat med utföraren/],
    [['stats', 'assignments', server.db, '--agreement', OUTPATIENT, '--year', '2017', '--period', 'x'], /okänt val --period/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const help = cli(['stats', 'placements', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /per enhet/);
});

test('the agreement page: the section with the year chooser, the figures and seed 002\'s sentences', async () => {
  const page = await admin.get(`/avtal/${outpatient.id}?ar=2017`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2 id="statistik">Statistik 2017<\/h2>/);
  assert.match(page.text, /<option value="2017" selected>2017<\/option>/);
  assert.match(page.text, new RegExp(`<option value="${THIS_YEAR}">`), 'the chooser reaches this year');
  assert.match(page.text, /<option value="2016">/, 'and goes back to the first data');
  assert.doesNotMatch(page.text, /<option value="2015">/);
  const sentences = [
    'Under 2017 har utföraren tilldelats 4 uppdrag och avslutat 5.',
    'Vid årets slut pågick 2 uppdrag.',
    'Räknat från avtalets start har utföraren haft 7 uppdrag, varav 5 familjebehandling och 2 råd och stöd.',
    'Av de 5 avslutade uppdragen har insatsen i 2 fall avsett barn upp till 12 år och i 3 fall ungdomar från 13 år.',
    'Uppdragen har i snitt tagit 24,7 timmar i anspråk och sträckt sig över 6,0 månader; 1 uppdrag har sträckt sig över ett år.',
    'Måluppfyllelse i de avslutade uppdrag som avsåg familjebehandling, totalt 4 uppdrag, visade att målen uppfyllts i 1 fall, i 1 fall delvis, medan det i 2 fall saknades måluppfyllelse.',
    'I ärenden där måluppfyllelse ej uppnåtts har orsaken varit: Bristande motivation hos föräldern (2 fall).',
    'Där målen delvis uppfyllts har orsaken varit: Ungdom som vägrat samverka i behandling.',
  ];
  for (const s of sentences) assert.ok(page.text.includes(s), s);
  assert.match(page.text, /<th scope="row">Timmar i snitt per avslutat uppdrag<\/th><td class="num">24,7<\/td>/);
  assert.match(page.text, /<th scope="row" class="sub">målen inte uppfyllda<\/th><td class="num">2<\/td>/);
  assert.doesNotMatch(page.text, /<h3>Placeringar<\/h3>/, 'no placements under this agreement');

  // a year without data: zeros and dashes
  const none = await admin.get(`/avtal/${outpatient.id}?ar=2010`);
  assert.ok(none.text.includes('Under 2010 har utföraren tilldelats 0 uppdrag och inte avslutat något. Vid årets slut pågick 0 uppdrag.'));
  assert.match(none.text, /<th scope="row">Timmar i snitt per avslutat uppdrag<\/th><td class="num">–<\/td>/);
  assert.match(none.text, /<option value="2010" selected>2010<\/option><\/select>/, 'a year before the data is added last');
  assert.doesNotMatch(none.text, /<option value="2012">/, 'without the years between');

  const hvbPage = await admin.get(`/avtal/${hvb.id}?ar=2024`);
  assert.ok(hvbPage.text.includes('Under 2024 inleddes 3 placeringar och 2 avslutades (1 planerat avslut; 1 klienten avbröt). ' +
    'Vid årets slut pågick 2 placeringar. De avslutade placeringarna varade i snitt 188,0 dagar (6,2 månader).'), 'the placements sentence');
  assert.match(hvbPage.text, />HVB Asplunden<\/a><\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">–<\/td><td>–<\/td>/);
  assert.match(hvbPage.text, />HVB Ekbacken<\/a><\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">188,0<\/td><td>1 planerat avslut; 1 klienten avbröt<\/td>/);
  assert.doesNotMatch(hvbPage.text, /HVB Tallbacken/);
  assert.doesNotMatch(hvbPage.text, /<h3>Insatser i öppenvård<\/h3>/, 'no assignments under this agreement');
});

test('the page\'s year: the last full year when it has data, else this year; only with data, only for volume readers', async () => {
  // hvb has a placement that started last year
  const withData = await admin.get(`/avtal/${hvb.id}`);
  assert.match(withData.text, new RegExp(`<h2 id="statistik">Statistik ${THIS_YEAR - 1}</h2>`));
  assert.match(withData.text, new RegExp(`Under ${THIS_YEAR - 1} inleddes 1 placering `));
  // an assignment received in 2017 and still open is data of every year since
  assert.match((await admin.get(`/avtal/${outpatient.id}`)).text, new RegExp(`<h2 id="statistik">Statistik ${THIS_YEAR - 1}</h2>`));
  assert.match((await admin.get(`/avtal/${outpatient.id}?ar=tjugo`)).text, new RegExp(`Statistik ${THIS_YEAR - 1}<`), 'a bad year: the default');
  // old's one assignment closed in 2016: nothing last year, so this year
  const oldPage = await admin.get(`/avtal/${old.id}`);
  assert.match(oldPage.text, new RegExp(`<h2 id="statistik">Statistik ${THIS_YEAR}</h2>`));
  assert.ok(oldPage.text.includes(`Under ${THIS_YEAR} har utföraren tilldelats 0 uppdrag och inte avslutat något. Vid årets slut pågick 0 uppdrag. ` +
    'Räknat från avtalets start har utföraren haft 1 uppdrag, varav 1 råd och stöd.'));
  const plain = await admin.get(`/avtal/${empty.id}`);
  assert.equal(plain.status, 200);
  assert.doesNotMatch(plain.text, /id="statistik"/, 'no section without assignments or placements');
  assert.match((await caseWorker.get(`/avtal/${outpatient.id}?ar=2017`)).text, /Under 2017 har utföraren tilldelats 4 uppdrag/);
  const own = await provider.get(`/avtal/${hvb.id}?ar=2024`);
  assert.equal(own.status, 200, 'the provider user sees its own agreement');
  assert.doesNotMatch(own.text, /id="statistik"|inleddes/, 'but not its statistics');
});
