// dashboard.test.mjs — the overview of the demo municipality (Sjöbacka): agreements about
// to end, soonest first, with those that cannot be extended flagged for a decision; counts
// of agreements in force per form and service area; a bad date is explained in Swedish;
// and the cached page never hides a change.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/harness.mjs';
import { createAgreement, stockholmDate } from './fixtures.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const FAMILY = 'Stödinsatser för barn, ungdomar och familjer';
const DROP_IN = 'Kontaktcentrum – servering och stödverksamhet';

let server;
let c;

before(async () => {
  server = await startServer({ demo: true });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@sjobacka.example', DEMO_PASSWORD)).status, 303);
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

async function dashboard(query = '') {
  const res = await c.api('GET', `/api/v1/dashboard${query}`);
  assert.equal(res.status, 200, res.text);
  return res.json();
}

const escapeHtml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

test('as of 2019-06-01 the family-support contract and the drop-in centre need decisions, soonest first', async () => {
  const d = await dashboard('?today=2019-06-01');
  assert.equal(d.today, '2019-06-01');
  const titles = d.ending.map((g) => g.title);
  const family = d.ending.find((g) => g.title === FAMILY);
  const dropIn = d.ending.find((g) => g.title === DROP_IN);
  assert.ok(family, `the family-support contract is listed: ${titles}`);
  assert.ok(dropIn, `the drop-in centre is listed: ${titles}`);
  assert.equal(family.end, '2019-12-31');
  assert.equal(dropIn.end, '2020-12-31');
  assert.equal(family.decision_needed, true);
  assert.equal(dropIn.decision_needed, true);
  assert.equal(family.outlook.can_extend, false);
  assert.equal(family.outlook.days_left, 213);
  assert.ok(titles.indexOf(FAMILY) < titles.indexOf(DROP_IN), 'soonest first');
  const ends = d.ending.map((g) => g.end);
  assert.deepEqual(ends, [...ends].sort(), 'the whole list is ordered by end date');
  assert.equal(d.has_ending, true);
  assert.ok(d.ending_agreements >= 2);
  // nothing that ended before the day, or that is only a draft or terminated, is listed
  for (const g of d.ending) {
    assert.ok(g.end >= '2019-06-01', g.title);
    assert.ok(['active', 'ended'].includes(g.status), g.title);
  }
});

test('counts per form and service area are there and agree with the agreements in force', async () => {
  const today = '2019-06-01';
  const d = await dashboard(`?today=${today}`);
  assert.ok(Array.isArray(d.by_form) && d.by_form.length > 0, 'counts per form');
  assert.ok(Array.isArray(d.by_service_area) && d.by_service_area.length > 0, 'counts per service area');
  for (const row of [...d.by_form, ...d.by_service_area]) {
    assert.equal(typeof row.code, 'string');
    assert.equal(typeof row.label, 'string');
    assert.ok(Number.isInteger(row.count) && row.count > 0);
  }
  assert.equal(d.by_form.find((r) => r.code === 'lou')?.label, 'LOU');
  // an independent count from the agreement list
  const all = [];
  for (let page = 1; ; page++) {
    const res = await c.api('GET', `/api/v1/agreements?per_page=500&page=${page}`);
    const body = res.json();
    all.push(...body.items);
    if (all.length >= body.total) break;
  }
  const inForce = all.filter((g) => ['active', 'ended'].includes(g.status) && g.start <= today && g.end >= today);
  const tally = (key) => {
    const t = {};
    for (const g of inForce) t[g[key]] = (t[g[key]] ?? 0) + 1;
    return t;
  };
  const asMap = (rows) => Object.fromEntries(rows.map((r) => [r.code, r.count]));
  assert.deepEqual(asMap(d.by_form), tally('form'));
  assert.deepEqual(asMap(d.by_service_area), tally('service_area'));
});

test('the overview page as of 2019-06-01 shows both titles and the counts', async () => {
  const page = await c.get('/oversikt?today=2019-06-01');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Översikt per 2019-06-01<\/h1>/);
  assert.ok(page.text.includes(escapeHtml(FAMILY)), 'family-support title');
  assert.ok(page.text.includes(escapeHtml(DROP_IN)), 'drop-in centre title');
  assert.ok(page.text.indexOf(escapeHtml(FAMILY)) < page.text.indexOf(escapeHtml(DROP_IN)), 'soonest first');
  assert.match(page.text, /Beslut behövs nu/);
  assert.match(page.text, /Gällande avtal per avtalsform/);
  assert.match(page.text, /Gällande avtal per verksamhetsområde/);
  assert.match(page.text, /href="\/avtal\?form=lou&amp;status=active">LOU<\/a><\/td><td class="num">\d+</);
});

test('a date that is not a date is explained in Swedish', async () => {
  const page = await c.get('/oversikt?today=not-a-date');
  assert.equal(page.status, 200, 'the overview is still shown, for today');
  assert.match(page.text, /ska skrivas ÅÅÅÅ-MM-DD/);
  assert.match(page.text, /role="alert"/);
  assert.doesNotMatch(page.text, /Översikt per/);
  for (const bad of ['not-a-date', '2019-02-30', '2019-6-1', '20190601']) {
    const res = await c.api('GET', `/api/v1/dashboard?today=${bad}`);
    assert.equal(res.status, 400, bad);
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    const p = res.json();
    assert.match(p.detail, /Datumet/);
    assert.deepEqual(p.errors.map((e) => e.field), ['today']);
    assert.match(p.errors[0].message, /ÅÅÅÅ-MM-DD/);
  }
  // the bad date was not cached as the overview for today
  const plain = await c.get('/oversikt');
  assert.doesNotMatch(plain.text, /ska skrivas ÅÅÅÅ-MM-DD/);
});

test('a new agreement ending in three months appears at once (no stale cached page)', async () => {
  const end = stockholmDate(3);
  const first = await c.get('/oversikt');
  assert.equal(first.status, 200);
  const again = await c.get('/oversikt'); // served from the cache now
  assert.equal(again.status, 200);
  const title = 'Nytt avtal om ledsagning som snart löper ut';
  assert.ok(!first.text.includes(title));
  const org = (await c.api('GET', `/api/v1/organisations?q=${encodeURIComponent('Stadsmissionen')}`)).json().items[0];
  const g = await createAgreement(c, {
    case_ref: 'SN 2026/0999', title, form: 'lou', service_area: 'escort', organisation_id: org.id,
    start: stockholmDate(-12), end,
  });
  const page = await c.get('/oversikt');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(title), 'the new agreement is on the overview');
  assert.ok(page.text.includes(`href="/avtal/${g.id}"`));
  const d = await dashboard();
  const item = d.ending.find((x) => x.id === g.id);
  assert.ok(item, 'and in the API');
  assert.equal(item.end, end);
  assert.equal(item.decision_needed, true, 'no extensions: a decision is needed');

  // a change to it shows at once as well
  const patched = await c.api('PATCH', `/api/v1/agreements/${g.id}`, { title: 'Ledsagning, nytt namn' });
  assert.equal(patched.status, 200, patched.text);
  const after = await c.get('/oversikt');
  assert.ok(after.text.includes('Ledsagning, nytt namn'));
  assert.ok(!after.text.includes(title));

  // and the same for a past date's overview, which is cached separately
  const past = await c.get('/oversikt?today=2019-06-01');
  assert.ok(!past.text.includes('Ledsagning 2019'));
  await createAgreement(c, {
    case_ref: 'SN 2019/0999', title: 'Ledsagning 2019', form: 'lou', service_area: 'escort', organisation_id: org.id,
    start: '2019-01-01', end: '2019-09-30',
  });
  const past2 = await c.get('/oversikt?today=2019-06-01');
  assert.ok(past2.text.includes('Ledsagning 2019'));
});

test('the cached page is the same for every reader and carries no one\'s session', async () => {
  const other = new Client(server.url);
  assert.equal((await other.login('lasare@sjobacka.example', DEMO_PASSWORD)).status, 303);
  const mine = await c.get('/oversikt?today=2019-06-01');
  const theirs = await other.get('/oversikt?today=2019-06-01');
  assert.equal(theirs.status, 200);
  assert.ok(theirs.text.includes(escapeHtml(FAMILY)));
  // the header names who is logged in (the body may name the strategist as responsible)
  const who = (html) => html.match(/<div class="who">[\s\S]*?<\/div>/)[0];
  assert.ok(who(theirs.text).includes('Lars Läsare'), 'the reader sees their own name');
  assert.ok(!who(theirs.text).includes('Sara Strateg'), "and not the strategist's");
  assert.ok(theirs.text.includes(`value="${other.csrf}"`), "the reader's own CSRF token");
  assert.ok(!theirs.text.includes(c.csrf), "never the strategist's token");
  assert.ok(!mine.text.includes(other.csrf));
});
