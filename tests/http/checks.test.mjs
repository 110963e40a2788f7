// checks.test.mjs — external controls (seed 004): credit thresholds at their edges through the
// API (Creditsafe 39 makes a low_credit_rating signal from credit_watch, 40 does not; UC 2
// does, 3 does not; an agreement's own threshold overrides the default), the automatic
// consequences of a revoked IVO permit and a bankruptcy, the CSV imports all or nothing, the
// pages, and a provider user shut out of controls.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, addUser, cli, Client } from '../lib/harness.mjs';
import { sqlJson } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement, stockholmDate } from './fixtures.mjs';

let server;
let admin;
let provider;
const today = stockholmDate(0);

// Rows of the server's database (the signals' own API is another part's).
const sql = (query) => sqlJson(server.db, query);

function signalsOf(orgId) {
  return sql(`SELECT id, category, source, serious, description, check_id, unit_id FROM signal
              WHERE organisation_id = ${Number(orgId)} ORDER BY id`);
}

let serial = 700;
async function newOrg(name, withAgreement = true, agreementFields = {}) {
  const org = await createOrg(admin, { name, org_nr: orgNr(serial++) });
  const unit = await createUnit(admin, { organisation_id: org.id, name: `${name} HVB`, service_area: 'hvb_adults' });
  let agreement = null;
  if (withAgreement) {
    agreement = await createAgreement(admin, {
      case_ref: `SN 2026/${serial}`, title: `Avtal med ${name}`, organisation_id: org.id,
      unit_ids: [unit.id], service_area: 'hvb_adults', ...agreementFields,
    });
  }
  return { org, unit, agreement };
}

function credit(org, bureau, value) {
  return admin.api('POST', '/api/v1/checks', { org_nr: org.org_nr, kind: 'credit', bureau, checked_on: today, value });
}

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'admin@example.org', 'admin') });
  admin = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

test('Creditsafe 39 makes a low_credit_rating signal from credit_watch; 40 makes none', async () => {
  const { org } = await newOrg('Kreditgården');
  const at40 = await credit(org, 'creditsafe', 40);
  assert.equal(at40.status, 201, at40.text);
  assert.equal(at40.json().passed, true);
  assert.equal(at40.json().threshold, 40);
  assert.equal(at40.json().signal_id, null);
  assert.equal(signalsOf(org.id).length, 0);

  const at39 = await credit(org, 'creditsafe', 39);
  assert.equal(at39.status, 201, at39.text);
  const c = at39.json();
  assert.equal(c.passed, false);
  assert.ok(c.signal_id, 'the failed check names its signal');
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].id, c.signal_id);
  assert.equal(s[0].category, 'low_credit_rating');
  assert.equal(s[0].source, 'credit_watch');
  assert.equal(s[0].serious, 0);
  assert.equal(s[0].check_id, c.id);
  assert.equal(s[0].description, 'Creditsafe 39, under gränsen 40.');
});

test('UC risk class 2 makes a signal; 3 makes none', async () => {
  const { org } = await newOrg('Riskklassen');
  const at3 = await credit(org, 'uc', 3);
  assert.equal(at3.status, 201, at3.text);
  assert.equal(at3.json().passed, true);
  assert.equal(signalsOf(org.id).length, 0);
  const at2 = await credit(org, 'uc', 2);
  assert.equal(at2.status, 201, at2.text);
  assert.equal(at2.json().passed, false);
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].category, 'low_credit_rating');
  assert.equal(s[0].source, 'credit_watch');
});

test("an agreement's own threshold overrides the default: with 50, Creditsafe 45 fails", async () => {
  const { org, agreement } = await newOrg('Strängavtalet', true, { credit_min_creditsafe: 50 });
  assert.equal(agreement.credit_min_creditsafe, 50);
  assert.equal(agreement.credit_min_uc, null);
  const at45 = await credit(org, 'creditsafe', 45);
  assert.equal(at45.status, 201, at45.text);
  assert.equal(at45.json().threshold, 50);
  assert.equal(at45.json().passed, false);
  assert.equal(signalsOf(org.id).length, 1);
  // an organisation without its own threshold passes at 45
  const { org: plain } = await newOrg('Vanligavtalet');
  const ok = await credit(plain, 'creditsafe', 45);
  assert.equal(ok.json().passed, true);
  assert.equal(signalsOf(plain.id).length, 0);

  const page = await admin.get(`/avtal/${agreement.id}`);
  assert.match(page.text, /Creditsafe lägst 50, UC riskklass lägst enligt standard/);
  const bad = await admin.api('PATCH', `/api/v1/agreements/${agreement.id}`, { credit_min_uc: 6 });
  assert.equal(bad.status, 422);
  assert.ok(bad.json().errors.some((e) => e.field === 'credit_min_uc'));
});

test('values outside the bureau\'s range and missing fields are 422 naming the field; nothing is stored', async () => {
  const { org } = await newOrg('Felvärdet');
  for (const [bureau, value, range] of [['creditsafe', 101, '0 till 100'], ['creditsafe', -1, '0 till 100'], ['uc', 0, '1 till 5'], ['uc', 6, '1 till 5']]) {
    const res = await credit(org, bureau, value);
    assert.equal(res.status, 422, `${bureau} ${value}`);
    assert.match(res.headers.get('content-type'), /problem\+json/);
    const e = res.json().errors.find((x) => x.field === 'value');
    assert.ok(e, res.text);
    assert.ok(e.message.includes(range), e.message);
  }
  const empty = await admin.api('POST', '/api/v1/checks', {});
  assert.equal(empty.status, 422);
  assert.ok(empty.json().errors.some((x) => x.field === 'kind'));
  const pnr = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'ivo', ivo_kind: 'complaint', decided_on: today, summary: 'Gäller 19121212-1212',
  });
  assert.equal(pnr.status, 422);
  assert.ok(pnr.json().errors.some((x) => x.field === 'summary'));
  assert.equal(sql(`SELECT count(*) AS n FROM external_check WHERE organisation_id = ${org.id}`)[0].n, 0);
});

test('a tax check that fails makes a signal describing what failed', async () => {
  const { org } = await newOrg('Skatteverket');
  const ok = await admin.api('POST', '/api/v1/checks', {
    organisation_id: org.id, kind: 'tax', checked_on: today, f_tax: true, taxes_paid: true, contributions_paid: true, enforcement_debt: 0,
  });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json().passed, true);
  const bad = await admin.api('POST', '/api/v1/checks', {
    organisation_id: org.id, kind: 'tax', checked_on: today, f_tax: true, taxes_paid: true, contributions_paid: false, enforcement_debt: '12 500',
  });
  assert.equal(bad.status, 201, bad.text);
  assert.equal(bad.json().passed, false);
  assert.equal(bad.json().enforcement_debt, 1250000, 'kronor are stored as öre');
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].category, 'other');
  assert.match(s[0].description, /arbetsgivaravgifterna är inte betalda/);
  assert.match(s[0].description, /12 500 kr/);
});

test('a revoked IVO permit: a serious signal, the unit revoked, every agreement in force flagged', async () => {
  const { org, unit, agreement } = await newOrg('Återkallade');
  const second = await createAgreement(admin, {
    case_ref: 'SN 2026/9001', title: 'Andra avtalet', organisation_id: org.id, service_area: 'hvb_adults',
  });
  const draft = await createAgreement(admin, {
    case_ref: 'SN 2026/9002', title: 'Utkastet', organisation_id: org.id, service_area: 'hvb_adults', status: 'draft',
  });
  const missingUnit = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'ivo', ivo_kind: 'permit_revoked', decided_on: today,
  });
  assert.equal(missingUnit.status, 422);
  assert.ok(missingUnit.json().errors.some((x) => x.field === 'unit_id'));

  const res = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, unit_id: unit.id, kind: 'ivo', ivo_kind: 'permit_revoked', decided_on: today,
    reference: '8.5-4711/2026', summary: 'Tillståndet återkallas efter tillsyn.',
  });
  assert.equal(res.status, 201, res.text);
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].category, 'permit_revoked');
  assert.equal(s[0].source, 'ivo');
  assert.equal(s[0].serious, 1);
  assert.equal(s[0].unit_id, unit.id);
  assert.equal(res.json().signal_id, s[0].id);

  assert.equal((await admin.api('GET', `/api/v1/units/${unit.id}`)).json().ivo_permit_status, 'revoked');
  for (const g of [agreement, second]) {
    const got = (await admin.api('GET', `/api/v1/agreements/${g.id}`)).json();
    assert.equal(got.termination_flag, 'permit_revoked');
    assert.equal(got.termination_flagged_on, today);
  }
  assert.equal((await admin.api('GET', `/api/v1/agreements/${draft.id}`)).json().termination_flag, '');
  const page = await admin.get(`/avtal/${agreement.id}`);
  assert.ok(page.text.includes(`Ska sägas upp:</strong> IVO har återkallat tillståndet (${today})`), 'the agreement page shows the flag');
  const history = (await admin.api('GET', `/api/v1/agreements/${agreement.id}/history`)).json().items;
  assert.ok(history.length >= 2, 'the flag is audited as an update of the agreement');

  // other IVO records make no signal by themselves
  const sarah = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'ivo', ivo_kind: 'lex_sarah', decided_on: today,
  });
  assert.equal(sarah.status, 201, sarah.text);
  assert.equal(sarah.json().signal_id, null);
  assert.equal(signalsOf(org.id).length, 1);
});

test('a bankruptcy makes a serious signal and flags the agreements in force', async () => {
  const { org, agreement } = await newOrg('Konkursboet');
  const res = await admin.api('POST', '/api/v1/checks', { org_nr: org.org_nr, kind: 'bankruptcy', date: today, note: 'Uppsala tingsrätt' });
  assert.equal(res.status, 201, res.text);
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].category, 'bankruptcy');
  assert.equal(s[0].serious, 1);
  const got = (await admin.api('GET', `/api/v1/agreements/${agreement.id}`)).json();
  assert.equal(got.termination_flag, 'bankruptcy');
  const list = await admin.api('GET', `/api/v1/organisations/${org.id}/checks`);
  assert.equal(list.status, 200);
  assert.equal(list.json().items.length, 1);
  assert.equal(list.json().items[0].kind, 'bankruptcy');
  assert.equal(list.json().items[0].note, 'Uppsala tingsrätt');
});

test('credit import: one bad line writes nothing and names the line; a good file writes all with signals', async () => {
  const { org } = await newOrg('Importbolaget');
  const dir = server.dir;
  const bad = join(dir, 'credit-bad.csv');
  writeFileSync(bad, ['org_nr,bureau,checked_on,value', `${org.org_nr},creditsafe,${today},39`,
    `${org.org_nr},uc,${today},7`, `${org.org_nr},creditsafe,${today},80`].join('\n') + '\n');
  const r1 = cli(['import', 'credit', server.db, bad]);
  assert.equal(r1.code, 1, r1.stderr);
  assert.match(r1.stderr, /rad 3, value: .*1 till 5/);
  assert.doesNotMatch(r1.stderr, /rad 2|rad 4/);
  assert.equal(sql(`SELECT count(*) AS n FROM external_check WHERE organisation_id = ${org.id}`)[0].n, 0);
  assert.equal(signalsOf(org.id).length, 0);

  const unknown = join(dir, 'credit-unknown.csv');
  writeFileSync(unknown, `org_nr,bureau,checked_on,value\n${orgNr(799)},creditsafe,${today},50\n`);
  const r2 = cli(['import', 'credit', server.db, unknown]);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /rad 2, org_nr: /);

  const good = join(dir, 'credit-good.csv');
  writeFileSync(good, ['org_nr,bureau,checked_on,value', `${org.org_nr},creditsafe,${today},39`,
    `${org.org_nr},uc,${today},2`, `${org.org_nr},creditsafe,${today},80`].join('\n') + '\n');
  const r3 = cli(['import', 'credit', server.db, good]);
  assert.equal(r3.code, 0, r3.stderr);
  assert.match(r3.stdout, /3 kreditupplysningar importerade, 2 signaler skapade/);
  const s = signalsOf(org.id);
  assert.equal(s.length, 2);
  assert.ok(s.every((x) => x.category === 'low_credit_rating' && x.source === 'credit_watch'));
});

test('IVO import: units by name; an unknown unit or a revoked permit without unit fails the file', async () => {
  const { org, unit, agreement } = await newOrg('Ivobolaget');
  const dir = server.dir;
  const bad = join(dir, 'ivo-bad.csv');
  writeFileSync(bad, ['org_nr,unit,kind,decided_on,reference,summary',
    `${org.org_nr},${unit.name},inspection_decision,${today},8.5-1/2026,Brister i bemanningen`,
    `${org.org_nr},Finns inte,lex_sarah,${today},,`,
    `${org.org_nr},,permit_revoked,${today},,`].join('\n') + '\n');
  const r1 = cli(['import', 'ivo', server.db, bad]);
  assert.equal(r1.code, 1);
  assert.match(r1.stderr, /rad 3, unit: /);
  assert.match(r1.stderr, /rad 4, unit: /);
  assert.equal(sql(`SELECT count(*) AS n FROM external_check WHERE organisation_id = ${org.id}`)[0].n, 0);

  const good = join(dir, 'ivo-good.csv');
  writeFileSync(good, ['org_nr,unit,kind,decided_on,reference,summary',
    `${org.org_nr},${unit.name},inspection_decision,${today},8.5-1/2026,Brister i bemanningen`,
    `${org.org_nr},${unit.name},permit_revoked,${today},8.5-2/2026,Tillståndet återkallat`].join('\n') + '\n');
  const r2 = cli(['import', 'ivo', server.db, good]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, /2 IVO-underlag importerade, 1 signal skapad/);
  const s = signalsOf(org.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].category, 'permit_revoked');
  assert.equal((await admin.api('GET', `/api/v1/agreements/${agreement.id}`)).json().termination_flag, 'permit_revoked');
});

test('the controls page and its form; a provider user is shut out', async () => {
  const { org } = await newOrg('Sidbolaget');
  const form = await admin.get(`/utforare/${org.id}/kontroller/ny?kind=credit`);
  assert.equal(form.status, 200);
  const wrong = await admin.post(`/utforare/${org.id}/kontroller`, { kind: 'credit', bureau: 'uc', checked_on: today, value: '9' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /Riskklassen hos UC ska vara ett heltal från 1 till 5/);
  const saved = await admin.post(`/utforare/${org.id}/kontroller`, { kind: 'credit', bureau: 'creditsafe', checked_on: today, value: '38' });
  assert.equal(saved.status, 303, saved.text);
  const page = await admin.get(`/utforare/${org.id}/kontroller`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Creditsafe 38 \(gräns 40\): under gränsen/);
  const sid = signalsOf(org.id)[0].id;
  assert.ok(page.text.includes(`href="/signaler/${sid}"`), 'the check links its signal');
  const orgPage = await admin.get(`/utforare/${org.id}`);
  assert.ok(orgPage.text.includes(`href="/utforare/${org.id}/kontroller"`));
  assert.ok(orgPage.text.includes('Registrera kontroll'));

  addUser(server.db, 'foretradare@sidbolaget.example', 'provider_user', org.org_nr);
  provider = new Client(server.url);
  assert.equal((await provider.login('foretradare@sidbolaget.example')).status, 303);
  for (const path of [`/utforare/${org.id}/kontroller`, `/utforare/${org.id}/kontroller/ny`]) {
    const res = await provider.get(path);
    assert.ok([403, 404].includes(res.status), `${path}: ${res.status}`);
  }
  const api = await provider.api('GET', `/api/v1/organisations/${org.id}/checks`);
  assert.ok([403, 404].includes(api.status));
  const post = await provider.api('POST', '/api/v1/checks', { org_nr: org.org_nr, kind: 'credit', bureau: 'uc', checked_on: today, value: 5 });
  assert.ok([403, 404].includes(post.status));
  const own = await provider.get(`/utforare/${org.id}`);
  assert.ok(!own.text.includes('/kontroller'), 'no link to controls for a provider user');
});
