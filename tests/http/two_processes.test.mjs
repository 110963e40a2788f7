// two_processes.test.mjs — two `insyn serve` processes on one database, as behind a
// load balancer: what one of them is told, the other knows at once. Sessions, the login
// throttle's counts, the list-total cache and the overview's cache must all follow a change
// made through the other process (the caches are keyed on the newest audit id, read from
// the database on every request), and two servers started at the same moment on a new
// database (or after an upgrade that brings migrations) must both start.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serveDb, addUser, freshDb, Client } from '../lib/harness.mjs';
import { createAgreement, createOrg, orgNr, stockholmDate } from './fixtures.mjs';

const STRATEGIST = 'strateg@example.org';
const READER = 'lasare@example.org';
const ADDRESS_THRESHOLD = 20; // failures from one address before it must wait (docs/security.md)

let a, b;
before(async () => {
  a = await startServer({
    setup: (db) => {
      addUser(db, STRATEGIST, 'strategist');
      addUser(db, READER, 'reader');
    },
  });
  b = await serveDb(a.db);
});
after(async () => {
  assert.equal((await b.stop()).code, 0, 'server B stops cleanly on SIGTERM');
  assert.equal((await a.stop()).code, 0, 'server A stops cleanly on SIGTERM');
});

// A client of server B that carries the cookies (the session) and CSRF token of one of A.
function sameBrowserOn(base, client) {
  const c = new Client(base);
  c.cookies = new Map(client.cookies);
  c.csrf = client.csrf;
  return c;
}

async function loggedIn(email) {
  const c = new Client(a.url);
  assert.equal((await c.login(email)).status, 303, `${email} logs in on A`);
  return c;
}

test('a session opened on A is a session on B, with the same CSRF token', async () => {
  const onA = await loggedIn(STRATEGIST);
  const onB = sameBrowserOn(b.url, onA);
  const list = await onB.api('GET', '/api/v1/organisations');
  assert.equal(list.status, 200, 'B knows the session A opened');
  const page = await onB.get('/utforare');
  assert.equal(page.status, 200);
  assert.match(page.text, /strateg@example\.org|Strateg/i, 'B shows who is logged in');
  // a write through B passes B's CSRF check with the token A gave the session
  const created = await onB.api('POST', '/api/v1/organisations',
    { name: 'Skriven via B AB', org_nr: orgNr(101), kind: 'private', legal_form: 'ab' });
  assert.equal(created.status, 201, created.text);
  // and without the token B refuses it, as A would
  const forged = await onB.request('POST', '/api/v1/organisations', {
    body: JSON.stringify({ name: 'Förfalskad AB', org_nr: orgNr(102), kind: 'private' }),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  assert.equal(forged.status, 403);
});

test('a change made through A shows at once through B: list totals and the overview', async () => {
  const onA = await loggedIn(STRATEGIST);
  const onB = sameBrowserOn(b.url, onA);
  const orgTotal = async () => (await onB.api('GET', '/api/v1/organisations')).json().total;
  const agreementTotal = async () => (await onB.api('GET', '/api/v1/agreements?status=active')).json().total;
  const pageTotal = async () => {
    const page = await onB.get('/avtal');
    assert.equal(page.status, 200);
    return Number(page.text.match(/<p class="count" role="status">(\d+) avtal<\/p>/)[1]);
  };
  const overview = async () => {
    const page = await onB.get('/oversikt');
    assert.equal(page.status, 200);
    return page.text;
  };
  // B remembers each of these: asked twice, the second answer comes from its caches
  const orgs0 = await orgTotal();
  const agreements0 = await agreementTotal();
  assert.equal(await agreementTotal(), agreements0);
  const page0 = await pageTotal();
  assert.equal(await pageTotal(), page0);
  const title = 'Ledsagning som snart löper ut, skapad via A';
  const name = 'Utförare skapad via A AB';
  assert.ok(!(await overview()).includes(title));
  assert.ok(!(await overview()).includes(title));

  const org = await createOrg(onA, { name, org_nr: orgNr(103) });
  assert.equal(await orgTotal(), orgs0 + 1, "B's organisation total counts the new one");
  const g = await createAgreement(onA, {
    case_ref: 'SN 2026/0777', title, service_area: 'escort', organisation_id: org.id,
    start: stockholmDate(-12), end: stockholmDate(3),
  });
  assert.equal(await agreementTotal(), agreements0 + 1, "B's remembered agreement total follows");
  assert.equal(await pageTotal(), page0 + 1, "and so does the total on B's agreement list page");
  const text = await overview();
  assert.ok(text.includes(title), "B's overview lists the agreement A just made");
  assert.ok(text.includes(`href="/avtal/${g.id}"`));

  // and a change to it as well, in both directions
  const renamed = await onA.api('PATCH', `/api/v1/agreements/${g.id}`, { title: 'Ledsagning, omdöpt via A' });
  assert.equal(renamed.status, 200, renamed.text);
  const after = await overview();
  assert.ok(after.includes('Ledsagning, omdöpt via A'));
  assert.ok(!after.includes(title));
  const viaB = await onB.api('PATCH', `/api/v1/agreements/${g.id}`, { title: 'Ledsagning, omdöpt via B' });
  assert.equal(viaB.status, 200, viaB.text);
  const onAOverview = await onA.get('/oversikt');
  assert.ok(onAOverview.text.includes('Ledsagning, omdöpt via B'), "A's overview follows B");
});

test('failed logins on A and on B add up: the address must wait on both', async () => {
  const from = '127.0.0.7';
  const statuses = [];
  // each attempt names another (unknown) account, so that only the address's count grows
  for (let i = 1; i <= ADDRESS_THRESHOLD; i++) {
    const c = new Client(i % 2 ? a.url : b.url, { from });
    statuses.push((await c.login(`okand-${i}@example.org`, `fel-${i}`)).status);
  }
  assert.deepEqual(statuses, [...Array(ADDRESS_THRESHOLD - 1).fill(401), 429],
    'the failures counted by both servers reach the threshold together');
  for (const server of [a, b]) {
    const c = new Client(server.url, { from });
    const res = await c.login(STRATEGIST);
    assert.equal(res.status, 429, `${server === a ? 'A' : 'B'} makes the address wait, even with the right password`);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  }
  // another address is not affected
  assert.equal((await new Client(b.url, { from: '127.0.0.8' }).login(STRATEGIST)).status, 303);
});

test('logging out on A ends the session on B', async () => {
  const onA = await loggedIn(READER);
  const onB = sameBrowserOn(b.url, onA);
  assert.equal((await onB.api('GET', '/api/v1/organisations')).status, 200);
  const out = await onA.post('/logout', {});
  assert.equal(out.status, 303);
  assert.equal((await onB.api('GET', '/api/v1/organisations')).status, 401, 'B no longer knows the session');
  const page = await onB.get('/oversikt');
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location'), /^\/login/);
});

test('two servers started at the same moment on a new database both start', async () => {
  // Both apply the migrations: the second must find them applied, not apply them again.
  // Each round is a race; a few rounds make one that would go wrong all but certain.
  for (let round = 1; round <= 4; round++) {
    const { db, cleanup } = await freshDb('new.db');
    try {
      const started = await Promise.allSettled([serveDb(db), serveDb(db)]);
      const servers = started.filter((r) => r.status === 'fulfilled').map((r) => r.value);
      if (servers.length < 2) {
        for (const s of servers) await s.stop();
        assert.fail(`round ${round}: ${started.find((r) => r.status === 'rejected').reason.message}`);
      }
      for (const s of servers) {
        const health = await fetch(`${s.url}/healthz`);
        assert.equal(health.status, 200, `round ${round}: ${s.stderr()}`);
      }
      for (const s of servers) assert.equal((await s.stop()).code, 0);
    } finally {
      cleanup();
    }
  }
});
