// import.test.mjs — `insyn import organisations|agreements DB FILE.csv` is all or nothing:
// a good file imports every row; a file with bad rows names each bad row by its line number
// and reason and writes nothing. Swedish Excel's semicolons and UTF-8 BOM work, quoted
// fields may span lines, and an export can be imported again into a fresh database.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, cli, freshDb, Client } from '../lib/harness.mjs';
import { orgNr, badCheckDigit } from './fixtures.mjs';

const STRATEGIST = 'strateg@example.org';
let server;
let c;
let n = 0;
const made = [];

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, STRATEGIST, 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login(STRATEGIST)).status, 303);
});
after(async () => {
  for (const d of made) d.cleanup();
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

function file(text) {
  const path = join(server.dir, `import-${++n}.csv`);
  writeFileSync(path, text);
  return path;
}

const importOrgs = (text, db = server.db) => cli(['import', 'organisations', db, file(text)]);
const importAgreements = (text, db = server.db) => cli(['import', 'agreements', db, file(text)]);

function exportJson(db = server.db) {
  const r = cli(['export', 'agreements', db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function orgTotal() {
  const res = await c.api('GET', '/api/v1/organisations');
  assert.equal(res.status, 200);
  return res.json().total;
}

// The "rad N, field: message" lines of stderr, as {line, field, message}.
function rowErrors(stderr) {
  return stderr.split('\n').map((l) => l.match(/^\s+rad (\d+), ([a-z_]+): (.*)$/)).filter(Boolean)
    .map((m) => ({ line: Number(m[1]), field: m[2], message: m[3] }));
}

const ORG_HEADER = 'name,org_nr,kind,legal_form,contact_name,contact_email,contact_phone,notes';
const NR = {
  alfa: orgNr(401), beta: orgNr(402), gamma: orgNr(403, '80'), egen: orgNr(404, '21'),
};

test('a good organisations file imports every row (exit 0)', async () => {
  const text = [
    ORG_HEADER,
    `Alfa Omsorg AB,${NR.alfa},private,ab,Anna Alfa,anna@alfa.example,08-123 45 67,`,
    `"Beta Vård, Behandling AB",${NR.beta},private,ab,,,,"Citerat ""namn"" och komma, här"`,
    `Gamma ideell förening,${NR.gamma},non_profit,ideell_forening,,,,`,
    `Kommunens egen regi,${NR.egen.replace('-', '')},in_house,kommun,,,,`,
    '',
  ].join('\n');
  const r = importOrgs(text);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /4 utförare importerade/);
  assert.equal(await orgTotal(), 4);
  const beta = (await c.api('GET', `/api/v1/organisations?q=${NR.beta}`)).json().items[0];
  assert.equal(beta.name, 'Beta Vård, Behandling AB');
  assert.equal(beta.notes, 'Citerat "namn" och komma, här');
  const egen = (await c.api('GET', `/api/v1/organisations?q=${encodeURIComponent('egen regi')}`)).json().items[0];
  assert.equal(egen.org_nr, NR.egen, 'the number is stored in its normal form');
  // every imported organisation has its audit record
  const hist = await c.api('GET', `/api/v1/organisations/${beta.id}/history`);
  assert.deepEqual(hist.json().items.map((e) => e.action), ['import']);
});

test('a file with several bad rows exits 1, names each line and reason, and writes nothing', async () => {
  const before = await orgTotal();
  const text = [
    ORG_HEADER, // line 1
    `Bra AB,${orgNr(410)},private,ab,,,,`, // 2: good
    `Kontrollsiffra AB,${badCheckDigit(orgNr(411))},private,ab,,,,`, // 3: check digit
    `Också bra AB,${orgNr(412)},private,ab,,,,`, // 4: good
    `,${orgNr(413)},private,ab,,,,`, // 5: no name
    `Okänd typ AB,${orgNr(414)},pirat,ab,,,,`, // 6: unknown kind
    `Enskild firma,811218-9876,private,,,,,`, // 7: a personnummer
    `För få fält AB,${orgNr(415)},private`, // 8: wrong number of fields
    `Anteckning AB,${orgNr(416)},private,ab,,,,Brukaren 19811218-9876`, // 9: personnummer in notes
    `Redan finns AB,${NR.alfa},private,ab,,,,`, // 10: already registered
  ].join('\n');
  const r = importOrgs(text);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, /Inga utförare har importerats\. Filen har fel på 7 rader\./);
  const errs = rowErrors(r.stderr);
  const at = (line) => errs.filter((e) => e.line === line);
  assert.deepEqual([...new Set(errs.map((e) => e.line))], [3, 5, 6, 7, 8, 9, 10]);
  assert.equal(at(3)[0].field, 'org_nr');
  assert.match(at(3)[0].message, /kontrollsiffra/);
  assert.equal(at(5)[0].field, 'name');
  assert.match(at(5)[0].message, /Namn måste anges/);
  assert.equal(at(6)[0].field, 'kind');
  assert.match(at(6)[0].message, /pirat/);
  assert.match(at(7)[0].message, /personnummer/);
  assert.match(at(8)[0].message, /3 fält men rubrikraden har 8/);
  assert.equal(at(9)[0].field, 'notes');
  assert.match(at(10)[0].message, /redan registrerat/);
  assert.equal(await orgTotal(), before, 'nothing is written');
  const list = await c.api('GET', `/api/v1/organisations?q=${encodeURIComponent('Bra AB')}`);
  assert.equal(list.json().total, 0, 'not even the good rows');
});

test('a duplicate organisation number inside the file is named with both lines', async () => {
  const before = await orgTotal();
  const nr = orgNr(420);
  const text = [ORG_HEADER, `Första AB,${nr},private,ab,,,,`, `Annan AB,${orgNr(421)},private,ab,,,,`,
    `Andra AB,${nr.replace('-', '')},private,ab,,,,`].join('\n');
  const r = importOrgs(text);
  assert.equal(r.code, 1);
  const errs = rowErrors(r.stderr);
  assert.equal(errs.length, 1, r.stderr);
  assert.equal(errs[0].line, 4);
  assert.equal(errs[0].field, 'org_nr');
  assert.match(errs[0].message, new RegExp(`${nr}.*rad 2`));
  assert.equal(await orgTotal(), before);
});

test('header problems are reported on line 1', async () => {
  const r = importOrgs(`name,orgnummer,kind,favorite_colour\nX AB,${orgNr(430)},private,blå\n`);
  assert.equal(r.code, 1);
  const errs = rowErrors(r.stderr);
  assert.ok(errs.every((e) => e.line === 1), r.stderr);
  assert.match(r.stderr, /Okänd kolumn "favorite_colour"/);
  assert.match(r.stderr, /Kolumnen "org_nr" saknas/);
  const empty = importOrgs('');
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /tom/);
  const missing = cli(['import', 'organisations', server.db, join(server.dir, 'finns-inte.csv')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Kan inte öppna/);
});

test('semicolons, a UTF-8 BOM and CRLF line ends (Swedish Excel) work', async () => {
  const before = await orgTotal();
  const text = '\uFEFF' + [
    'name;org_nr;kind;legal_form;notes',
    `Semikolon, Komma & Co AB;${orgNr(440)};private;ab;Anteckning, med komma`,
    `Åäö Öppenvård AB;${orgNr(441)};private;ab;`,
    '',
  ].join('\r\n');
  const r = importOrgs(text);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await orgTotal(), before + 2);
  const got = (await c.api('GET', `/api/v1/organisations?q=${orgNr(440)}`)).json().items[0];
  assert.equal(got.name, 'Semikolon, Komma & Co AB');
  assert.equal(got.notes, 'Anteckning, med komma');
  const aao = (await c.api('GET', `/api/v1/organisations?q=${orgNr(441)}`)).json().items[0];
  assert.equal(aao.name, 'Åäö Öppenvård AB', 'UTF-8 names survive, the BOM is not part of the first column');
  // a bad semicolon file names its lines as well
  const bad = importOrgs('\uFEFF' + ['name;org_nr;kind', `Ok AB;${orgNr(442)};private`, `Fel AB;${badCheckDigit(orgNr(443))};private`].join('\r\n'));
  assert.equal(bad.code, 1);
  assert.deepEqual(rowErrors(bad.stderr).map((e) => e.line), [3]);
  // text that is not UTF-8 (Excel's old "CSV" in Windows-1252) is refused clearly
  const latin1 = Buffer.from(`name;org_nr;kind\nK\xf6k AB;${orgNr(444)};private\n`, 'latin1');
  const path = join(server.dir, 'latin1.csv');
  writeFileSync(path, latin1);
  const l = cli(['import', 'organisations', server.db, path]);
  assert.equal(l.code, 1);
  assert.match(l.stderr, /UTF-8/);
  assert.equal(await orgTotal(), before + 2);
});

test('a quoted field with an embedded newline keeps later line numbers right', async () => {
  const before = await orgTotal();
  const text = [
    ORG_HEADER, // 1
    `Flerrad AB,${orgNr(450)},private,ab,,,,"Första raden`, // 2
    'andra raden', // 3
    `tredje raden"`, // 4
    `Bra AB,${orgNr(451)},private,ab,,,,`, // 5
    `Fel AB,${badCheckDigit(orgNr(452))},private,ab,,,,`, // 6
    `"Namn över`, // 7
    `två rader AB",${badCheckDigit(orgNr(453))},private,ab,,,,`, // 8 — the record starts on 7
    `Sista felet AB,${orgNr(454)},pirat,ab,,,,`, // 9
  ].join('\r\n');
  const r = importOrgs(text);
  assert.equal(r.code, 1);
  assert.deepEqual(rowErrors(r.stderr).map((e) => e.line), [6, 7, 9], r.stderr);
  assert.equal(await orgTotal(), before);
  // the same file without the bad rows imports, newline kept in the note
  const good = importOrgs([ORG_HEADER, `Flerrad AB,${orgNr(450)},private,ab,,,,"Första raden`, 'andra raden"',
    `Bra AB,${orgNr(451)},private,ab,,,,`].join('\n'));
  assert.equal(good.code, 0, good.stderr);
  const got = (await c.api('GET', `/api/v1/organisations?q=${orgNr(450)}`)).json().items[0];
  assert.equal(got.notes, 'Första raden\nandra raden');
});

const AG_HEADER = 'case_ref,title,form,service_area,org_nr,start,end,extensions_left,extension_months,latest_end,value_adds,requirements,strategist_email,status,termination_reason,notes';

test('a good agreements file imports every row; a bad one names every bad row and writes nothing', async () => {
  const before = exportJson().length;
  const good = [
    AG_HEADER,
    `SN 2024/0001,Hemtjänst Alfa,lov,home_care,${NR.alfa},2024-01-01,2027-12-31,0,,,Kvalitet|säkring | och ett till,"Genomförandeplan | Kontinuitet",${STRATEGIST},active,,`,
    `SN 2024/0002,HVB Beta,lou,hvb_adults,${NR.beta},2023-01-01,2026-12-31,2,12,2028-12-31,Mervärde ett,"Krav ett`,
    `Krav två",,active,,"Anteckning, med komma"`,
    `SN 2024/0003,Kontaktcentrum,iop,drop_in_centre,${NR.gamma},2024-01-01,2026-12-31,1,24,,,,,active,,`,
    `SN 2024/0004,Egen regi,in_house,home_care,${NR.egen},2020-01-01,2030-12-31,,,,,,,active,,`,
    `SN 2024/0005,Uppsagt avtal,lou,escort,${NR.alfa},2020-01-01,2025-06-30,0,0,2025-06-30,,,,terminated,Allvarliga brister,`,
  ].join('\n');
  const r = importAgreements(good);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /5 avtal importerade/);
  const all = exportJson();
  assert.equal(all.length, before + 5);
  const hvb = all.find((g) => g.case_ref === 'SN 2024/0002');
  assert.deepEqual(hvb.requirements, ['Krav ett', 'Krav två']);
  assert.deepEqual(hvb.value_adds, ['Mervärde ett']);
  assert.equal(hvb.latest_end, '2028-12-31');
  assert.equal(hvb.notes, 'Anteckning, med komma');
  const lov = all.find((g) => g.case_ref === 'SN 2024/0001');
  assert.deepEqual(lov.requirements, ['Genomförandeplan', 'Kontinuitet'], 'items separated by " | "');
  assert.deepEqual(lov.value_adds, ['Kvalitet|säkring', 'och ett till'], 'a "|" inside a word is text');
  assert.equal(lov.strategist_name, STRATEGIST, 'the strategist is found by e-mail');
  const iop = all.find((g) => g.case_ref === 'SN 2024/0003');
  assert.equal(iop.latest_end, '2028-12-31', 'latest end derived from the extensions');

  const bad = [
    AG_HEADER, // 1
    `SN 2025/0001,Bra avtal,lou,home_care,${NR.alfa},2025-01-01,2026-12-31,,,,,,,active,,`, // 2: good
    `SN 2025/0002,Okänd utförare,lou,home_care,${orgNr(460)},2025-01-01,2026-12-31,,,,,,,active,,`, // 3
    `SN 2025/0003,Baklänges,lou,home_care,${NR.alfa},2026-01-01,2025-12-31,,,,,,,active,,`, // 4
    `SN 2025/0004,IOP med bolag,iop,home_care,${NR.alfa},2025-01-01,2026-12-31,,,,,,,active,,`, // 5
    `SN 2025/0005,Egen regi hos bolag,in_house,home_care,${NR.beta},2025-01-01,2026-12-31,,,,,,,active,,`, // 6
    `SN 2025/0006,Okänd strateg,lou,home_care,${NR.alfa},2025-01-01,2026-12-31,,,,,,ingen@example.org,active,,`, // 7
    `SN 2025/0007,Fel datum,lou,home_care,${NR.alfa},2025-13-01,2026-12-31,,,,,,,active,,`, // 8
    `SN 2025/0008,Senaste före slut,lou,home_care,${NR.alfa},2025-01-01,2026-12-31,1,12,2026-06-30,,,,active,,`, // 9
    `SN 2025/0009,Personnummer i krav,lou,home_care,${NR.alfa},2025-01-01,2026-12-31,,,,,Klient 19811218-9876,,active,,`, // 10
    `,Utan diarienummer,lou,home_care,${NR.alfa},2025-01-01,2026-12-31,,,,,,,active,,`, // 11
    `SN 2025/0010,Fel orgnr,lou,home_care,${badCheckDigit(NR.alfa)},2025-01-01,2026-12-31,,,,,,,active,,`, // 12
  ].join('\n');
  const b = importAgreements(bad);
  assert.equal(b.code, 1, b.stdout);
  const errs = rowErrors(b.stderr);
  assert.deepEqual([...new Set(errs.map((e) => e.line))], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], b.stderr);
  const on = (line, field, re) => assert.ok(errs.some((e) => e.line === line && e.field === field && re.test(e.message)),
    `line ${line} ${field} ${re}: ${b.stderr}`);
  on(3, 'org_nr', /Ingen utförare/);
  on(4, 'end', /före startdatum/);
  on(5, 'organisation_id', /IOP/);
  on(6, 'organisation_id', /Egen regi/);
  on(7, 'strategist_email', /ingen@example\.org/);
  on(8, 'start', /ÅÅÅÅ-MM-DD/);
  on(9, 'latest_end', /före slutdatum/);
  on(10, 'requirements', /personnummer/);
  on(11, 'case_ref', /Diarienummer måste anges/);
  on(12, 'org_nr', /kontrollsiffra/);
  assert.match(b.stderr, /Inga avtal har importerats\. Filen har fel på 10 rader\./);
  assert.equal(exportJson().length, before + 5, 'nothing is written');
  const api = await c.api('GET', '/api/v1/agreements?q=' + encodeURIComponent('Bra avtal'));
  assert.equal(api.json().total, 0);
});

test('an agreements file from Swedish Excel (semicolons, BOM, CRLF) imports', async () => {
  const before = exportJson().length;
  const text = '\uFEFF' + [
    'case_ref;title;form;service_area;org_nr;start;end;notes',
    `SN 2025/0100;Ledsagning, Alfa;lou;escort;${NR.alfa};2025-01-01;2026-12-31;Med komma, i texten`,
    '',
  ].join('\r\n');
  const r = importAgreements(text);
  assert.equal(r.code, 0, r.stderr);
  const all = exportJson();
  assert.equal(all.length, before + 1);
  const g = all.find((x) => x.case_ref === 'SN 2025/0100');
  assert.equal(g.title, 'Ledsagning, Alfa');
  assert.equal(g.notes, 'Med komma, i texten');
});

test('an exported CSV imports again into a fresh database with the organisations', async () => {
  // a note that a spreadsheet would take for a formula, quotes, commas and newlines
  const tricky = await c.api('POST', '/api/v1/agreements', {
    case_ref: 'SN 2025/0200', title: '=Ett "knepigt" avtal, med komma', form: 'lou', service_area: 'home_care',
    organisation_id: (await c.api('GET', `/api/v1/organisations?q=${NR.alfa}`)).json().items[0].id,
    start: '2025-01-01', end: '2026-12-31', notes: '-Rad ett\nrad två; med semikolon', value_adds: ['+Mervärde', 'Kvalitet|säkring'],
    requirements: ['@Krav ett', 'Krav två'],
  });
  assert.equal(tricky.status, 201, tricky.text);

  const exported = cli(['export', 'agreements', server.db, '--format', 'csv']);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout.split(/\r?\n/)[0],
    `${AG_HEADER.replace('latest_end,', 'latest_end,approved_on,signed_on,')},credit_min_creditsafe,credit_min_uc`,
    'the export has the import columns');

  const fresh = await freshDb('copy.db');
  made.push(fresh);
  const { db, dir } = fresh;
  assert.equal(cli(['init', db]).code, 0);
  addUser(db, STRATEGIST, 'strategist');
  // the organisations, as a file of their own
  const orgs = (await c.api('GET', '/api/v1/organisations?per_page=500')).json().items;
  const orgCsv = [ORG_HEADER, ...orgs.map((o) => [o.name, o.org_nr, o.kind, o.legal_form, o.contact_name, o.contact_email,
    o.contact_phone, o.notes].map((v) => `"${String(v).replaceAll('"', '""')}"`).join(','))].join('\n');
  const o = importOrgs(orgCsv, db);
  assert.equal(o.code, 0, o.stderr);
  const path = join(dir, 'export.csv');
  writeFileSync(path, exported.stdout);
  const r = cli(['import', 'agreements', db, path]);
  assert.equal(r.code, 0, r.stderr);

  const comparable = (list) => list.map((g) => {
    const { id, organisation_id, unit_ids, units, strategist_id, created_at, updated_at, ...rest } = g;
    return rest;
  }).sort((a, b) => (a.case_ref + a.title).localeCompare(b.case_ref + b.title));
  const original = comparable(exportJson());
  const copy = comparable(exportJson(db));
  assert.equal(copy.length, original.length);
  assert.deepEqual(copy, original);
  const t = copy.find((g) => g.case_ref === 'SN 2025/0200');
  assert.equal(t.title, '=Ett "knepigt" avtal, med komma');
  assert.equal(t.notes, '-Rad ett\nrad två; med semikolon');
  assert.deepEqual(t.requirements, ['@Krav ett', 'Krav två']);
  assert.deepEqual(t.value_adds, ['+Mervärde', 'Kvalitet|säkring'], 'a "|" inside an item is text, not a separator');
});
