// validation.test.mjs — bad input is refused with every problem named and nothing stored,
// through the JSON API (422 problem+json) and through the HTML forms (the form again, with
// the messages); malformed requests get 400/404/415; text is always shown escaped.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { orgNr, badCheckDigit, createOrg, createAgreement } from './fixtures.mjs';

// 19811218-9876 has a valid personnummer check digit (Luhn over 8112189876).
const PNR_FORMS = ['19811218-9876', '811218-9876', '8112189876', '198112189876', '811218+9876'];

let server;
let c; // a strategist
let priv; // a private provider
let nonProfit;
let inHouse;

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@example.org')).status, 303);
  priv = await createOrg(c, { name: 'Privat Omsorg AB', org_nr: orgNr(301), kind: 'private' });
  nonProfit = await createOrg(c, { name: 'Ideella föreningen Stöd', org_nr: orgNr(302, '80'), kind: 'non_profit', legal_form: 'ideell_forening' });
  inHouse = await createOrg(c, { name: 'Kommunens egen regi', org_nr: orgNr(303, '21'), kind: 'in_house', legal_form: 'kommun' });
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

async function counts() {
  const o = await c.api('GET', '/api/v1/organisations');
  const a = await c.api('GET', '/api/v1/agreements');
  const u = await c.api('GET', '/api/v1/units');
  return { organisations: o.json().total, agreements: a.json().total, units: u.json().total };
}

// Asserts a 422 (or other) problem+json whose errors name `fields`, and returns it.
function problem(res, status, fields = []) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const p = res.json();
  assert.equal(p.status, status);
  assert.equal(typeof p.title, 'string');
  assert.equal(typeof p.detail, 'string');
  assert.ok(p.detail.length > 0);
  assert.ok(Array.isArray(p.errors));
  for (const e of p.errors) {
    assert.equal(typeof e.field, 'string');
    assert.equal(typeof e.message, 'string');
  }
  const named = p.errors.map((e) => e.field);
  for (const f of fields) assert.ok(named.includes(f), `errors name ${f}: ${JSON.stringify(p.errors)}`);
  return p;
}

const message = (p, field) => p.errors.filter((e) => e.field === field).map((e) => e.message).join(' ');

function agreementBody(fields = {}) {
  return {
    case_ref: 'SN 2025/0100', title: 'Valideringsavtal', form: 'lou', service_area: 'home_care',
    organisation_id: priv.id, start: '2025-01-01', end: '2026-12-31', status: 'active', ...fields,
  };
}

test('an organisation number with a wrong check digit is refused, nothing stored', async () => {
  const before = await counts();
  const res = await c.api('POST', '/api/v1/organisations', { name: 'Fel kontrollsiffra AB', org_nr: badCheckDigit(orgNr(310)), kind: 'private' });
  const p = problem(res, 422, ['org_nr']);
  assert.match(p.detail, /Uppgifterna innehåller fel/);
  assert.match(message(p, 'org_nr'), /kontrollsiffra/);
  assert.deepEqual(await counts(), before);
});

test('an organisation number that looks like a personnummer is refused', async () => {
  const before = await counts();
  for (const nr of ['811218-9876', '8112189876', '010101-0000']) {
    const res = await c.api('POST', '/api/v1/organisations', { name: 'Enskild firma', org_nr: nr, kind: 'private' });
    const p = problem(res, 422, ['org_nr']);
    assert.match(message(p, 'org_nr'), /personnummer/i, nr);
  }
  for (const nr of ['55600-1234', 'abcdef-ghij', '5560012345678']) {
    const p = problem(await c.api('POST', '/api/v1/organisations', { name: 'Formfel AB', org_nr: nr, kind: 'private' }), 422, ['org_nr']);
    assert.match(message(p, 'org_nr'), /NNNNNN-NNNN/, nr);
  }
  assert.deepEqual(await counts(), before);
});

test('missing required fields are each named in Swedish', async () => {
  const before = await counts();
  const org = problem(await c.api('POST', '/api/v1/organisations', {}), 422, ['name', 'org_nr', 'kind']);
  assert.match(message(org, 'name'), /Namn måste anges/);
  assert.match(message(org, 'org_nr'), /Organisationsnummer måste anges/);
  assert.match(message(org, 'kind'), /Typ av organisation måste väljas/);
  const blank = problem(await c.api('POST', '/api/v1/organisations', { name: '   ', org_nr: orgNr(311), kind: 'private' }), 422, ['name']);
  assert.match(message(blank, 'name'), /Namn måste anges/);
  const ag = problem(await c.api('POST', '/api/v1/agreements', {}), 422,
    ['case_ref', 'title', 'form', 'service_area', 'organisation_id', 'start', 'end']);
  assert.match(message(ag, 'case_ref'), /Diarienummer måste anges/);
  assert.match(message(ag, 'start'), /Startdatum måste anges/);
  assert.match(message(ag, 'form'), /Avtalsform måste väljas/);
  const unit = problem(await c.api('POST', '/api/v1/units', {}), 422, ['organisation_id', 'name', 'service_area']);
  assert.match(message(unit, 'name'), /måste anges/);
  assert.deepEqual(await counts(), before);
});

test('unknown codes and wrong types are refused', async () => {
  const before = await counts();
  const p = problem(await c.api('POST', '/api/v1/organisations', { name: 'Kod AB', org_nr: orgNr(312), kind: 'pirate' }), 422, ['kind']);
  assert.match(message(p, 'kind'), /okänt värde/);
  const t = problem(await c.api('POST', '/api/v1/organisations', { name: { first: 'x' }, org_nr: orgNr(313), kind: 'private' }), 422, ['name']);
  assert.match(message(t, 'name'), /fel typ/);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ start: '2025-02-30' })), 422, ['start']);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ end: '31/12/2026' })), 422, ['end']);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ organisation_id: 999999 })), 422, ['organisation_id']);
  assert.deepEqual(await counts(), before);
});

test('a duplicate organisation number is a conflict (409), also written differently', async () => {
  const nr = orgNr(320);
  await createOrg(c, { name: 'Först AB', org_nr: nr });
  const before = await counts();
  for (const again of [nr, nr.replace('-', ''), ` ${nr} `]) {
    const p = problem(await c.api('POST', '/api/v1/organisations', { name: 'Sedan AB', org_nr: again, kind: 'private' }), 409, ['org_nr']);
    assert.match(p.detail, /redan registrerat/);
  }
  // changing another organisation to the same number is a conflict too
  const other = await createOrg(c, { name: 'Annan AB', org_nr: orgNr(321) });
  const patch = await c.api('PATCH', `/api/v1/organisations/${other.id}`, { org_nr: nr });
  problem(patch, 409, ['org_nr']);
  assert.equal((await c.api('GET', `/api/v1/organisations/${other.id}`)).json().org_nr, orgNr(321));
  assert.deepEqual(await counts(), { ...before, organisations: before.organisations + 1 });
});

test('agreement dates: end before start and latest end before end are refused', async () => {
  const before = await counts();
  const p1 = problem(await c.api('POST', '/api/v1/agreements', agreementBody({ start: '2026-01-01', end: '2025-12-31' })), 422, ['end']);
  assert.match(message(p1, 'end'), /Slutdatum kan inte vara före startdatum/);
  const p2 = problem(await c.api('POST', '/api/v1/agreements',
    agreementBody({ end: '2026-12-31', extensions_left: 1, extension_months: 12, latest_end: '2026-06-30' })), 422, ['latest_end']);
  assert.match(message(p2, 'latest_end'), /Senaste möjliga slutdatum kan inte vara före slutdatum/);
  const p3 = problem(await c.api('POST', '/api/v1/agreements', agreementBody({ extensions_left: 2 })), 422, ['extension_months']);
  assert.match(message(p3, 'extension_months'), /månader/);
  assert.deepEqual(await counts(), before);
});

test('the form of agreement must fit the kind of organisation', async () => {
  const before = await counts();
  const p1 = problem(await c.api('POST', '/api/v1/agreements', agreementBody({ form: 'in_house', organisation_id: priv.id })), 422, ['organisation_id']);
  assert.match(message(p1, 'organisation_id'), /Egen regi/);
  const p2 = problem(await c.api('POST', '/api/v1/agreements', agreementBody({ form: 'iop', organisation_id: priv.id })), 422, ['organisation_id']);
  assert.match(message(p2, 'organisation_id'), /IOP/);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ form: 'iop', organisation_id: inHouse.id })), 422, ['organisation_id']);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ form: 'in_house', organisation_id: nonProfit.id })), 422, ['organisation_id']);
  assert.deepEqual(await counts(), before);
  // and the fitting combinations are accepted
  await createAgreement(c, agreementBody({ case_ref: 'SN 2025/0101', form: 'in_house', organisation_id: inHouse.id }));
  await createAgreement(c, agreementBody({ case_ref: 'SN 2025/0102', form: 'iop', organisation_id: nonProfit.id }));
  assert.equal((await counts()).agreements, before.agreements + 2);
});

test('free text with a personnummer is refused in every text field', async () => {
  const before = await counts();
  for (const pnr of PNR_FORMS) {
    const o = problem(await c.api('POST', '/api/v1/organisations',
      { name: 'Personnummer AB', org_nr: orgNr(330), kind: 'private', notes: `Ring kontaktpersonen ${pnr} i morgon` }), 422, ['notes']);
    assert.match(message(o, 'notes'), /personnummer/, pnr);
  }
  problem(await c.api('POST', '/api/v1/organisations', { name: 'Anna 19811218-9876', org_nr: orgNr(331), kind: 'private' }), 422, ['name']);
  problem(await c.api('POST', '/api/v1/organisations', { name: 'Kontakt AB', org_nr: orgNr(332), kind: 'private', contact_name: '811218-9876' }), 422, ['contact_name']);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ title: 'Placering av 19811218-9876' })), 422, ['title']);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ notes: 'Gäller 8112189876' })), 422, ['notes']);
  const r = problem(await c.api('POST', '/api/v1/agreements', agreementBody({ requirements: ['Genomförandeplan', 'Klient 19811218-9876'] })), 422, ['requirements']);
  assert.match(message(r, 'requirements'), /punkt 2/);
  problem(await c.api('POST', '/api/v1/agreements', agreementBody({ value_adds: ['Kontakt 811218-9876'] })), 422, ['value_adds']);
  assert.deepEqual(await counts(), before);
  // numbers that are not personnummer are fine: a wrong check digit, a case reference
  await createOrg(c, { name: 'Siffror AB', org_nr: orgNr(333), notes: 'Faktura 19811218-9875, dnr SN 2019/0366' });
});

test('PATCH of an agreement with a valid change works and shows in its history', async () => {
  const g = await createAgreement(c, agreementBody({ case_ref: 'SN 2025/0200', title: 'Före ändringen' }));
  // without extensions the latest end is the end itself, so both move together
  const res = await c.api('PATCH', `/api/v1/agreements/${g.id}`, { title: 'Efter ändringen', end: '2027-06-30', latest_end: '2027-06-30' });
  assert.equal(res.status, 200, res.text);
  const body = res.json();
  assert.equal(body.title, 'Efter ändringen');
  assert.equal(body.end, '2027-06-30');
  assert.equal(body.latest_end, '2027-06-30');
  assert.equal(body.case_ref, 'SN 2025/0200', 'fields not in the PATCH are kept');
  assert.equal(body.organisation_id, priv.id);
  const got = (await c.api('GET', `/api/v1/agreements/${g.id}`)).json();
  assert.equal(got.title, 'Efter ändringen');
  const hist = await c.api('GET', `/api/v1/agreements/${g.id}/history`);
  assert.equal(hist.status, 200);
  const items = hist.json().items;
  assert.equal(items.length, 2);
  const update = items.find((e) => e.action === 'update');
  assert.ok(update, 'an update record');
  assert.equal(update.before.title, 'Före ändringen');
  assert.equal(update.after.title, 'Efter ändringen');
  assert.equal(update.after.end, '2027-06-30');
  assert.equal(update.actor, 'strateg@example.org');
  const changed = update.changes.map((x) => x.field).sort();
  assert.deepEqual(changed, ['end', 'latest_end', 'title']);
  assert.equal(items[items.length - 1].action, 'create');

  // an invalid PATCH changes nothing and adds no history
  const bad = await c.api('PATCH', `/api/v1/agreements/${g.id}`, { start: '2028-01-01' });
  problem(bad, 422, ['end']);
  assert.equal((await c.api('GET', `/api/v1/agreements/${g.id}`)).json().start, '2025-01-01');
  assert.equal((await c.api('GET', `/api/v1/agreements/${g.id}/history`)).json().items.length, 2);
});

test('changing only the end of an agreement without extensions moves its latest end too', async () => {
  const g = await createAgreement(c, agreementBody({ case_ref: 'SN 2025/0201', title: 'Bara slutdatum' }));
  assert.equal(g.latest_end, g.end);
  const res = await c.api('PATCH', `/api/v1/agreements/${g.id}`, { end: '2028-06-30' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json().end, '2028-06-30');
  assert.equal(res.json().latest_end, '2028-06-30');
  // an explicit latest end before the end is still refused
  problem(await c.api('PATCH', `/api/v1/agreements/${g.id}`, { end: '2029-06-30', latest_end: '2028-12-31' }), 422, ['latest_end']);
});

test('unknown ids give 404', async () => {
  for (const path of ['/api/v1/organisations/999999', '/api/v1/agreements/999999', '/api/v1/units/999999',
    '/api/v1/organisations/abc', '/api/v1/agreements/0', '/api/v1/organisations/999999/history',
    '/api/v1/agreements/999999/history', '/api/v1/units/999999/history', '/api/v1/nothing-here']) {
    const res = await c.api('GET', path);
    problem(res, 404);
  }
  for (const path of ['/api/v1/organisations/999999', '/api/v1/agreements/999999', '/api/v1/units/999999']) {
    const res = await c.api('PATCH', path, { name: 'x' });
    problem(res, 404);
  }
  for (const path of ['/utforare/999999', '/avtal/999999', '/utforare/999999/andra', '/avtal/999999/andra', '/enheter/999999/andra', '/finns-inte']) {
    const res = await c.get(path);
    assert.equal(res.status, 404, path);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.match(res.text, /finns inte/i);
  }
  const post = await c.post('/avtal/999999', { title: 'x' });
  assert.equal(post.status, 404);
});

test('a body that is not JSON gets 415; malformed JSON gets 400', async () => {
  const before = await counts();
  const send = (contentType, body, method = 'POST', path = '/api/v1/organisations') =>
    c.request(method, path, { body, headers: { 'Content-Type': contentType, 'X-CSRF-Token': c.csrf, Accept: 'application/json' } });
  const json = JSON.stringify({ name: 'Typ AB', org_nr: orgNr(340), kind: 'private' });
  problem(await send('text/plain', json), 415);
  problem(await send('application/x-www-form-urlencoded', `name=Typ+AB&org_nr=${orgNr(340)}&kind=private`), 415);
  problem(await send('text/plain', json, 'PATCH', `/api/v1/organisations/${priv.id}`), 415);
  const noType = await c.request('POST', '/api/v1/agreements', { body: json, headers: { 'X-CSRF-Token': c.csrf } });
  problem(noType, 415);
  for (const bad of ['{"name": ', '{name: "x"}', '', 'null', '[1, 2]', '"text"', '{"name": "a", "name": "b"}']) {
    const p = problem(await send('application/json', bad), 400);
    assert.match(p.detail, /JSON/, bad);
  }
  problem(await send('application/json; charset=utf-8', '{"name": '), 400);
  assert.deepEqual(await counts(), before);
});

test('HTML forms: bad input re-renders the form with the messages, nothing stored', async () => {
  const before = await counts();
  const bad = await c.post('/utforare', { name: 'Formulär AB', org_nr: badCheckDigit(orgNr(350)), kind: 'private', legal_form: 'ab', notes: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.headers.get('content-type'), /^text\/html/);
  assert.match(bad.text, /Uppgifterna kunde inte sparas/);
  assert.match(bad.text, /Organisationsnumrets kontrollsiffra stämmer inte\./);
  assert.match(bad.text, /<form method="post" action="\/utforare"/);
  assert.match(bad.text, /name="name"[^>]*value="Formulär AB"/, 'what was typed is kept');
  assert.match(bad.text, /aria-invalid="true"/);
  const missing = await c.post('/utforare', { name: '', org_nr: '', kind: '' });
  assert.equal(missing.status, 422);
  for (const m of ['Namn måste anges.', 'Organisationsnummer måste anges.', 'Typ av organisation måste väljas.'])
    assert.ok(missing.text.includes(m), m);
  const pnr = await c.post('/utforare', { name: 'Anteckning AB', org_nr: orgNr(351), kind: 'private', notes: 'Brukare 19811218-9876' });
  assert.equal(pnr.status, 422);
  assert.match(pnr.text, /ser ut som ett personnummer/);

  const dup = await c.post('/utforare', { name: 'Dubblett AB', org_nr: priv.org_nr, kind: 'private' });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /redan registrerat/);

  const dates = await c.post('/avtal', { case_ref: 'SN 2025/0300', title: 'Formuläravtal', form: 'lou', service_area: 'home_care',
    organisation_id: String(priv.id), start: '2026-01-01', end: '2025-01-01', status: 'active' });
  assert.equal(dates.status, 422);
  assert.match(dates.text, /Slutdatum kan inte vara före startdatum\./);
  assert.match(dates.text, /name="title"[^>]*value="Formuläravtal"/);
  const iop = await c.post('/avtal', { case_ref: 'SN 2025/0301', title: 'IOP-avtal', form: 'iop', service_area: 'home_care',
    organisation_id: String(priv.id), start: '2025-01-01', end: '2026-01-01', status: 'active' });
  assert.equal(iop.status, 422);
  assert.match(iop.text, /IOP kan bara ingås med en idéburen organisation\./);
  const unit = await c.post('/enheter', { organisation_id: String(priv.id), name: '', service_area: 'home_care' });
  assert.equal(unit.status, 422);
  assert.match(unit.text, /Enhetens namn måste anges\./);
  assert.deepEqual(await counts(), before);
});

test('HTML-looking text is stored as typed and always shown escaped', async () => {
  const evil = '<script>alert(1)</script>';
  const org = await createOrg(c, { name: evil, org_nr: orgNr(360), notes: `"quoted" & 'single' ${evil}` });
  assert.equal(org.name, evil, 'stored as typed');
  const page = await c.get(`/utforare/${org.id}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(evil), 'never raw on the page');
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped on the page');
  assert.match(page.text, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; – insyn<\/title>/);
  assert.ok(page.text.includes('&quot;quoted&quot; &amp; &#39;single&#39;'));
  for (const path of ['/utforare', `/utforare/${org.id}/andra`, `/utforare?q=${encodeURIComponent(evil)}`]) {
    const p = await c.get(path);
    assert.equal(p.status, 200, path);
    assert.ok(!p.text.includes(evil), `${path}: never raw`);
  }
  // an agreement with such a title, shown on its page and in the lists
  const g = await createAgreement(c, agreementBody({ case_ref: 'SN 2025/0400', title: evil, organisation_id: org.id, notes: evil }));
  for (const path of [`/avtal/${g.id}`, '/avtal', `/utforare/${org.id}`, `/avtal/${g.id}/andra`]) {
    const p = await c.get(path);
    assert.equal(p.status, 200, path);
    assert.ok(!p.text.includes(evil), `${path}: never raw`);
    assert.ok(p.text.includes('&lt;script&gt;'), `${path}: escaped`);
  }
  // a refused form shows what was typed escaped too
  const reflected = await c.post('/utforare', { name: `"><script>alert(2)</script>`, org_nr: 'fel', kind: 'private' });
  assert.equal(reflected.status, 422);
  assert.ok(!reflected.text.includes('<script>alert(2)</script>'));
  assert.ok(reflected.text.includes('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
  const search = await c.get(`/avtal?q=${encodeURIComponent('"><script>alert(3)</script>')}`);
  assert.ok(!search.text.includes('<script>alert(3)</script>'));
  // the JSON API returns the text as it is, as JSON
  const got = await c.api('GET', `/api/v1/organisations/${org.id}`);
  assert.match(got.headers.get('content-type'), /^application\/json/);
  assert.equal(got.json().name, evil);
});
