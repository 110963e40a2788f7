// risk.test.mjs — the provider's risk page and `insyn risk` (issue 7, point 7): every factor of
// the risk indicator is shown with its weight and its source and the score is their sum, on
// the page, in the API and on the command line; a candidate for event-driven follow-up is
// listed as one even with a low score; a provider user reaches none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement, stockholmDate } from './fixtures.mjs';

let server, admin, strategist, deputy, provider;
let risky, ordinary, calm, agreement, investigation;
const ids = {};

const signal = (org, extra = {}) => ({
  org_nr: org.org_nr, date: stockholmDate(-1), source: 'case_worker', category: 'staff_competence',
  serious: false, description: 'Personalen kunde inte hantera klient K-3:s utbrott.', ...extra,
});

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'bitr@example.org', 'deputy_director');
      addUser(db, 'admin@example.org', 'admin');
    },
  });
  admin = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);
  strategist = new Client(server.url);
  assert.equal((await strategist.login('strateg@example.org')).status, 303);
  deputy = new Client(server.url);
  assert.equal((await deputy.login('bitr@example.org')).status, 303);
  risky = await createOrg(strategist, { name: 'Riskabla hem AB', org_nr: orgNr(7301) });
  ordinary = await createOrg(strategist, { name: 'Vanliga omsorgen AB', org_nr: orgNr(7302) });
  calm = await createOrg(strategist, { name: 'Lugna gården AB', org_nr: orgNr(7303) });
  agreement = await createAgreement(strategist, {
    case_ref: 'SN 2025/0301', title: 'Ramavtal HVB', form: 'lou_framework', service_area: 'hvb_youth',
    organisation_id: risky.id, start: '2024-01-01', end: stockholmDate(36),
  });
  addUser(server.db, 'riskabla@example.org', 'provider_user', risky.org_nr);
  provider = new Client(server.url);
  assert.equal((await provider.login('riskabla@example.org')).status, 303);
  // user ids from the follow-up form's people
  const form = await strategist.get('/utredningar/ny');
  assert.equal(form.status, 200, form.text);
  for (const m of form.text.matchAll(/<option value="(\d+)"[^>]*>([^<(]+) \(/g)) ids[m[2].trim()] = Number(m[1]);
  assert.ok(ids['bitr@example.org'], JSON.stringify(ids));

  // the risky organisation: one ordinary and one serious signal, an open follow-up, a warning
  for (const extra of [{}, { serious: true, category: 'maltreatment_allegation', date: stockholmDate(0) }]) {
    const res = await strategist.api('POST', '/api/v1/signals', signal(risky, extra));
    assert.equal(res.status, 201, res.text);
  }
  const inv = await strategist.api('POST', '/api/v1/investigations', {
    org_nr: risky.org_nr, agreement_id: agreement.id, opened_on: stockholmDate(0),
    reason: 'En allvarlig signal om missförhållanden.', responsible_id: ids['strateg@example.org'],
  });
  assert.equal(inv.status, 201, inv.text);
  investigation = inv.json();
  const warning = await deputy.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'warning', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'],
    reason: 'Allvarlig händelse rapporterades inte.',
  });
  assert.equal(warning.status, 201, warning.text);
  // the ordinary organisation: one ordinary signal; the calm one: nothing
  assert.equal((await strategist.api('POST', '/api/v1/signals', signal(ordinary))).status, 201);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const today = () => stockholmDate(0);
const sumOf = (factors) => factors.reduce((s, f) => s + f.weight, 0);

test('the API shows each factor with its weight and source, and the score is their sum', async () => {
  const res = await strategist.api('GET', `/api/v1/organisations/${risky.id}/risk`);
  assert.equal(res.status, 200, res.text);
  const r = res.json();
  assert.equal(r.org_nr, risky.org_nr);
  const byFactor = (code) => r.factors.filter((f) => f.factor === code);
  const [ordinarySignal] = byFactor('signal');
  assert.equal(ordinarySignal.weight, 5);
  assert.equal(ordinarySignal.source, `Signal ${stockholmDate(-1)}: Brist i personalens kompetens`);
  assert.match(ordinarySignal.link, /^\/signaler\/\d+$/);
  const [serious] = byFactor('serious_signal');
  assert.equal(serious.weight, 20);
  assert.equal(serious.source, `Allvarlig signal ${today()}: Anklagelse om missförhållanden`);
  const [open] = byFactor('open_investigation');
  assert.equal(open.weight, 10);
  assert.equal(open.source, `Händelsestyrd uppföljning inledd ${today()}`);
  assert.equal(open.link, `/utredningar/${investigation.id}`);
  const [warning] = byFactor('sanction_warning');
  assert.equal(warning.weight, 15);
  assert.equal(warning.source, `Varning ${today()}, avtal SN 2025/0301`);
  assert.equal(warning.link, `/avtal/${agreement.id}`);
  assert.equal(r.factors.length, 4);
  for (const f of r.factors) assert.ok(f.label && f.source && f.weight > 0, JSON.stringify(f));
  assert.equal(r.score, sumOf(r.factors));
  assert.equal(r.score, 50);
  assert.equal(r.level, 'high');
  assert.equal(r.candidate, true);
  assert.equal(r.candidacy.serious, true);
  assert.ok(r.candidacy.signals.some((s) => s.category === 'maltreatment_allegation'));
  // the timeline, newest first, linked
  const kinds = r.timeline.map((e) => e.kind);
  for (const k of ['signal', 'investigation_opened', 'sanction']) assert.ok(kinds.includes(k), kinds.join());
  const dates = r.timeline.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  assert.ok(r.timeline.every((e) => e.link.startsWith('/') && e.title), 'each event is linked');

  const calmRisk = (await strategist.api('GET', `/api/v1/organisations/${calm.id}/risk`)).json();
  assert.equal(calmRisk.score, 0);
  assert.deepEqual(calmRisk.factors, []);
  assert.equal(calmRisk.candidate, false);
  assert.equal((await strategist.api('GET', '/api/v1/organisations/999999/risk')).status, 404);
});

test('the list puts the highest score first and leaves out organisations without factors', async () => {
  const res = await strategist.api('GET', '/api/v1/risk');
  assert.equal(res.status, 200, res.text);
  const items = res.json().items;
  assert.equal(items[0].org_nr, risky.org_nr);
  const ord = items.find((x) => x.org_nr === ordinary.org_nr);
  assert.equal(ord.score, 5);
  assert.equal(ord.candidate, false);
  assert.equal(items.find((x) => x.org_nr === calm.org_nr), undefined);
  for (const x of items) assert.equal(x.score, Math.min(100, sumOf(x.factors)));
});

test('the risk page shows the score, its level and each factor with weight and source', async () => {
  const page = await strategist.get(`/utforare/${risky.id}/risk`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /50 poäng/);
  assert.match(page.text, /hög/);
  const rows = [...page.text.matchAll(/<tr><td>([^<]+)<\/td><td class="num">(\d+)<\/td><td><a href="([^"]+)">([^<]+)<\/a><\/td><\/tr>/g)];
  const shown = rows.map((m) => ({ label: m[1], weight: Number(m[2]), link: m[3], source: m[4] }));
  const api = (await strategist.api('GET', `/api/v1/organisations/${risky.id}/risk`)).json();
  for (const f of api.factors) {
    assert.ok(shown.some((s) => s.weight === f.weight && s.source === f.source && s.label === f.label && s.link === f.link),
      `${f.factor} is on the page: ${JSON.stringify(shown)}`);
  }
  assert.equal(sumOf(shown), 50);
  assert.match(page.text, /Anklagelse om missförhållanden/);
  assert.match(page.text, /Signalerna som ligger till grund/);
  assert.match(page.text, new RegExp(`href="/utredningar/${investigation.id}"`));
  assert.match(page.text, new RegExp(`href="/avtal/${agreement.id}"`));
  // the organisation page links to it; the menu has Risk
  const org = await strategist.get(`/utforare/${risky.id}`);
  assert.match(org.text, new RegExp(`href="/utforare/${risky.id}/risk">Risk och händelser`));
  assert.match(org.text, /href="\/risk"/);
  const list = await strategist.get('/risk');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/utforare/${risky.id}/risk">Riskabla hem AB`));
  assert.match(list.text, /Vanliga omsorgen AB/);
  assert.doesNotMatch(list.text, /Lugna gården AB/);
});

test('insyn risk lists the same as JSON, CSV and a table', async () => {
  const json = cli(['risk', server.db, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout);
  const r = rows.find((x) => x.org_nr === risky.org_nr);
  for (const key of ['org_nr', 'name', 'score', 'level', 'candidate', 'factors']) assert.ok(key in r, key);
  assert.equal(r.candidate, true, 'a serious signal makes a candidate');
  assert.equal(r.score, sumOf(r.factors));
  for (const f of r.factors) for (const key of ['factor', 'label', 'weight', 'source']) assert.ok(key in f, key);
  const o = rows.find((x) => x.org_nr === ordinary.org_nr);
  assert.equal(o.candidate, false, 'one ordinary signal does not');
  assert.equal(o.factors[0].factor, 'signal');

  const csv = cli(['risk', server.db, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\r\n');
  assert.equal(lines[0], 'org_nr,name,score,sum,level,candidate,factor_count,factors');
  assert.ok(lines.some((l) => l.startsWith(`${risky.org_nr},Riskabla hem AB,50,50,high,true,4,`)), lines.join('\n'));

  const table = cli(['risk', server.db]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /Riskabla hem AB\s+50\s+hög\s+ja\s+4/);
  assert.match(table.stdout, /Vanliga omsorgen AB\s+5\s+låg\s+nej\s+1/);
  assert.equal(cli(['risk', server.db, '--format', 'xml']).code, 1);
});

test('a candidate is listed even with score 0', async () => {
  // the rule's window is a setting; the indicator counts signals for 12 months. With the rule
  // looking back 24 months, three signals 14-16 months old make a candidate without a factor.
  const patch = await admin.api('PATCH', '/api/v1/settings', { window_months: 24 });
  assert.equal(patch.status, 200, patch.text);
  for (let i = 0; i < 3; i++) {
    const res = await strategist.api('POST', '/api/v1/signals', signal(calm, { date: stockholmDate(-14 - i) }));
    assert.equal(res.status, 201, res.text);
  }
  const r = (await strategist.api('GET', `/api/v1/organisations/${calm.id}/risk`)).json();
  assert.equal(r.score, 0, JSON.stringify(r.factors));
  assert.equal(r.candidate, true);
  const items = (await strategist.api('GET', '/api/v1/risk')).json().items;
  const c = items.find((x) => x.org_nr === calm.org_nr);
  assert.ok(c, 'the candidate is listed');
  assert.equal(c.score, 0);
  assert.equal(c.candidate, true);
  // its page offers to open an event-driven follow-up from the signals that made it one
  const page = await strategist.get(`/utforare/${calm.id}/risk`);
  const href = page.text.match(/href="(\/utredningar\/ny\?[^"]+)">Inled händelsestyrd uppföljning/);
  assert.ok(href, 'the link is there');
  assert.equal((href[1].match(/signal_id=\d+/g) ?? []).length, 3);
  const form = await strategist.get(href[1].replaceAll('&amp;', '&'));
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${calm.id}" selected`));
  assert.equal((await admin.api('PATCH', '/api/v1/settings', { window_months: 12 })).status, 200);
});

test('external controls are factors with their values, and the signal a control made is not counted twice', async () => {
  const org = await createOrg(strategist, { name: 'Kontrollerade AB', org_nr: orgNr(7304) });
  const credit = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'credit', bureau: 'creditsafe', checked_on: today(), value: 35,
  });
  assert.equal(credit.status, 201, credit.text);
  const ivo = await admin.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'ivo', ivo_kind: 'complaint', decided_on: today(), reference: 'IVO 3.5.1-1234',
  });
  assert.equal(ivo.status, 201, ivo.text);
  const r = (await strategist.api('GET', `/api/v1/organisations/${org.id}/risk`)).json();
  const low = r.factors.find((f) => f.factor === 'credit_failed');
  assert.ok(low, JSON.stringify(r.factors));
  assert.equal(low.weight, 25);
  assert.equal(low.source, `Creditsafe ${today()}: 35 (gräns 40)`);
  assert.equal(low.link, `/utforare/${org.id}/kontroller`);
  const complaint = r.factors.find((f) => f.factor === 'ivo_complaint');
  assert.equal(complaint.weight, 5);
  assert.equal(complaint.source, `IVO klagomål ${today()}, IVO 3.5.1-1234`);
  assert.equal(r.factors.length, 2, 'the low_credit_rating signal the check made is not a factor of its own');
  assert.equal(r.score, 30);
  const kinds = r.timeline.map((e) => e.kind);
  assert.ok(kinds.includes('check') && kinds.includes('signal'), kinds.join());
});

test('a provider user reaches none of it', async () => {
  for (const path of ['/risk', `/utforare/${risky.id}/risk`]) {
    assert.equal((await provider.get(path)).status, 403, path);
  }
  for (const path of ['/api/v1/risk', `/api/v1/organisations/${risky.id}/risk`]) {
    assert.equal((await provider.api('GET', path)).status, 403, path);
  }
  const org = await provider.get(`/utforare/${risky.id}`);
  assert.doesNotMatch(org.text, /Risk och händelser/);
  assert.doesNotMatch(org.text, /href="\/risk"/);
});

test('the risk list and the candidates come a page at a time, with the total on each page', async () => {
  for (const path of ['/api/v1/risk', '/api/v1/candidates']) {
    const all = (await strategist.api('GET', `${path}?per_page=500`)).json();
    assert.ok(all.total >= 1, `${path}: ${all.total}`);
    assert.equal(all.items.length, all.total);
    const last = (await strategist.api('GET', `${path}?per_page=1&page=${all.total}`)).json();
    assert.deepEqual([last.page, last.per_page, last.total], [all.total, 1, all.total]);
    assert.deepEqual(last.items, [all.items[all.total - 1]]);
    const beyond = (await strategist.api('GET', `${path}?per_page=1&page=${all.total + 1}`)).json();
    assert.deepEqual(beyond.items, []);
  }
});
