// auth.test.mjs — logging in and out, throttling of failed logins (by client address, by
// account, known browsers, behind a reverse proxy), the session cookie, CSRF protection of
// forms and the API, and API tokens (Bearer).
//
// The server listens on 127.0.0.1; a client connects from another loopback address
// (127.0.0.2 and up) to be another client, since the throttle counts by address.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, cli, Client, bearer, PASSWORD } from '../lib/harness.mjs';
import { orgNr } from './fixtures.mjs';

const STRATEGIST = 'strateg@example.org';
const HAMMERED = 'hamrad@example.org';
const OWNER = 'agare@example.org';
const NEIGHBOUR = 'granne@example.org';
const SPREAD = 'spridd@example.org';
const PROXIED = 'bakom-proxy@example.org';
const FAILED = /Inloggningen misslyckades\./;
const ADDRESS_THRESHOLD = 20; // failures from one address before it must wait (docs/security.md)
const WINDOW = 3; // the proxy server's --login-window-seconds

let server, proxied;
before(async () => {
  server = await startServer({
    setup: (db) => {
      for (const [email, role] of [[STRATEGIST, 'strategist'], [HAMMERED, 'reader'], [OWNER, 'reader'],
        [NEIGHBOUR, 'reader'], [SPREAD, 'reader']]) addUser(db, email, role);
    },
  });
  // behind a reverse proxy on 127.0.0.1, with failures forgotten after a few seconds
  proxied = await startServer({
    setup: (db) => addUser(db, PROXIED, 'reader'),
    args: ['--trusted-proxy', '127.0.0.1', '--login-window-seconds', String(WINDOW)],
  });
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
  assert.equal((await proxied.stop()).code, 0);
});

// Posts the login form as a browser would: GET /login for the pre-login token, then POST.
// `options` are the Client's (from, headers); `base` another server's URL.
async function attempt(email, password, options = {}, base = server.url) {
  const c = new Client(base, options);
  const res = await c.login(email, password);
  return { c, res };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// The page without what differs by design between two attempts: the address typed back into
// the form and the pre-login token.
function normalised(text, email) {
  return text.replaceAll(email, 'E-POST').replace(/[0-9a-f]{64}/g, 'TOKEN');
}

async function organisationCount(c) {
  const res = await c.api('GET', '/api/v1/organisations');
  assert.equal(res.status, 200);
  return res.json().total;
}

test('the login form sets a pre-login token cookie that is HttpOnly and SameSite', async () => {
  const res = await fetch(`${server.url}/login`);
  assert.equal(res.status, 200);
  const cookie = res.headers.getSetCookie().find((l) => l.startsWith('insyn_prelogin='));
  assert.ok(cookie, 'a pre-login cookie is set');
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=(Strict|Lax)/i);
  assert.match(await res.text(), /name="csrf" value="[0-9a-f]{64}"/);
});

test('log in: 303 to next, a session cookie that is HttpOnly and SameSite, the user is shown', async () => {
  const c = new Client(server.url);
  const page = await c.get('/login?next=/avtal');
  const token = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const res = await c.post('/login', { email: STRATEGIST, password: PASSWORD, next: '/avtal' }, { csrf: token });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/avtal');
  const cookie = res.headers.getSetCookie().find((l) => l.startsWith('insyn_session='));
  assert.ok(cookie, 'a session cookie is set');
  assert.match(cookie, /^insyn_session=[0-9a-f]{64};/);
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=(Strict|Lax)/i);
  assert.match(cookie, /;\s*Path=\//);
  const list = await c.get('/avtal');
  assert.equal(list.status, 200);
  assert.match(list.text, /Logga ut/);
});

test('the email address is matched without regard to case', async () => {
  const { res } = await attempt(STRATEGIST.toUpperCase(), PASSWORD);
  assert.equal(res.status, 303);
});

test('next must stay on this site', async () => {
  // browsers drop tabs and newlines from a URL, so "/<TAB>/evil.example" is "//evil.example"
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/\t/evil.example/',
    '/\n/evil.example/', '/\x0b/evil.example', 'javascript:alert(1)']) {
    const c = new Client(server.url);
    const page = await c.get('/login');
    const token = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    const res = await c.post('/login', { email: STRATEGIST, password: PASSWORD, next }, { csrf: token });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/', `next=${next} is not followed`);
  }
});

test('a wrong password or an unknown account gives 401 and the same Swedish message', async () => {
  for (const [email, password] of [[STRATEGIST, 'fel-losenord-123'], ['finns-inte@example.org', PASSWORD]]) {
    const { c, res } = await attempt(email, password);
    assert.equal(res.status, 401, `${email}`);
    assert.match(res.text, FAILED);
    assert.ok(!res.headers.getSetCookie().some((l) => l.startsWith('insyn_session=')), 'no session cookie');
    assert.equal(c.cookies.get('insyn_session'), undefined);
    const page = await c.get('/oversikt');
    assert.equal(page.status, 303, 'still not logged in');
    assert.match(page.headers.get('location'), /^\/login\?next=/);
  }
});

test('log out ends the session on the server, not only in the browser', async () => {
  const { c, res } = await attempt(STRATEGIST, PASSWORD);
  assert.equal(res.status, 303);
  const stolen = c.cookies.get('insyn_session');
  assert.ok(stolen);
  const out = await c.post('/logout', {});
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/login?utloggad=1');
  const cleared = out.headers.getSetCookie().find((l) => l.startsWith('insyn_session='));
  assert.match(cleared, /^insyn_session=;/);
  assert.match(cleared, /Max-Age=0/);
  const bye = await c.get('/login?utloggad=1');
  assert.match(bye.text, /Du är utloggad\./);
  // replaying the old cookie does not work
  const replay = await fetch(`${server.url}/oversikt`, { headers: { Cookie: `insyn_session=${stolen}` }, redirect: 'manual' });
  assert.equal(replay.status, 303);
  assert.match(replay.headers.get('location'), /^\/login/);
  const api = await fetch(`${server.url}/api/v1/organisations`, { headers: { Cookie: `insyn_session=${stolen}` } });
  assert.equal(api.status, 401);
});

test('an unknown account and an existing one hammered with wrong passwords answer alike', async () => {
  // The same steps for each, each from its own address so that neither address reaches its
  // threshold. The existing account passes its own (5 at one address): the fifth failure makes
  // it wait a second, and each later one that is counted twice as long. The right password is
  // tried right after a counted failure, while the account surely waits (2 s, then 4 s).
  async function steps(email, from) {
    const out = [];
    const tryOnce = async (password) => out.push((await attempt(email, password, { from })).res);
    for (let i = 1; i <= 5; i++) await tryOnce(`fel-losenord-${i}`);
    for (const pause of [1, 2]) {
      await sleep(pause * 1000 + 150); // the wait is over: the next failure is counted
      await tryOnce(`fel-losenord-efter-${pause}`);
      await tryOnce(PASSWORD);
    }
    for (let i = 1; i <= 6; i++) await tryOnce(`fel-losenord-till-${i}`);
    return out;
  }
  const unknown = 'finns-inte-heller@example.org';
  const real = await steps(HAMMERED, '127.0.0.2');
  const none = await steps(unknown, '127.0.0.3');
  assert.equal(real.length, none.length);
  for (let i = 0; i < real.length; i++) {
    assert.equal(real[i].status, 401, `step ${i + 1} for the existing account`);
    assert.equal(none[i].status, 401, `step ${i + 1} for the unknown account`);
    assert.equal(normalised(real[i].text, HAMMERED), normalised(none[i].text, unknown), `page ${i + 1} is the same`);
    assert.equal(real[i].headers.get('retry-after'), null);
    assert.deepEqual(real[i].headers.getSetCookie(), none[i].headers.getSetCookie());
    assert.match(real[i].text, FAILED);
    assert.doesNotMatch(real[i].text, /låst|spärrat|finns inte/i);
  }
});

test('an address that keeps failing must wait: 429, Retry-After, and longer each time', async () => {
  const from = '127.0.0.4';
  for (let i = 1; i < ADDRESS_THRESHOLD; i++) {
    const { res } = await attempt(`prov-${i}@example.org`, 'fel-losenord', { from });
    assert.equal(res.status, 401, `failure ${i}`);
  }
  const waits = [];
  for (let round = 0; round < 3; round++) {
    const { res } = await attempt(`prov-${round}@example.org`, 'fel-losenord', { from });
    assert.equal(res.status, 429, `failure ${ADDRESS_THRESHOLD + round} makes the address wait`);
    const wait = Number(res.headers.get('retry-after'));
    waits.push(wait);
    assert.match(res.text, /för många misslyckade inloggningsförsök från din anslutning/);
    assert.match(res.text, /Vänta (en sekund|\d+ sekunder) och försök sedan igen\./);
    assert.doesNotMatch(res.text, /konto|låst/i, 'says nothing about any account');
    // meanwhile even the right password is turned away at this address, and counted nowhere
    const early = await attempt(STRATEGIST, PASSWORD, { from });
    assert.equal(early.res.status, 429);
    assert.ok(Number(early.res.headers.get('retry-after')) >= 1);
    assert.equal(early.c.cookies.get('insyn_session'), undefined);
    await sleep(wait * 1000 + 150);
  }
  assert.deepEqual(waits, [1, 2, 4], 'the wait doubles with every failure past the threshold');
  // other addresses are not affected
  assert.equal((await attempt(STRATEGIST, PASSWORD, { from: '127.0.0.5' })).res.status, 303);
});

test('failures at one address do not keep the owner out at another', async () => {
  for (let i = 1; i <= 5; i++)
    assert.equal((await attempt(NEIGHBOUR, `fel-losenord-${i}`, { from: '127.0.0.6' })).res.status, 401);
  await sleep(1150); // the first wait is over; the next failure makes it two seconds
  assert.equal((await attempt(NEIGHBOUR, 'fel-losenord-6', { from: '127.0.0.6' })).res.status, 401);
  assert.equal((await attempt(NEIGHBOUR, PASSWORD, { from: '127.0.0.6' })).res.status, 401,
    'the account must wait at the address that failed');
  const owner = await attempt(NEIGHBOUR, PASSWORD, { from: '127.0.0.7' });
  assert.equal(owner.res.status, 303, 'the owner gets in from another address');
});

// Logs in from `from` and out again; returns the browser's known-browser cookie.
async function knownBrowser(email, from) {
  const browser = new Client(server.url, { from });
  assert.equal((await browser.login(email)).status, 303);
  const cookie = browser.cookies.get('insyn_browser');
  assert.match(cookie ?? '', /^[0-9a-f]{64}$/, 'a known-browser cookie is set at login');
  assert.equal((await browser.post('/logout', {})).status, 303);
  return cookie;
}

function withCookie(from, cookie) {
  const c = new Client(server.url, { from });
  c.cookies.set('insyn_browser', cookie);
  return c;
}

test('the owner gets in from a known browser, even at the address an attacker makes wait', async () => {
  const cookie = await knownBrowser(OWNER, '127.0.0.8');
  const from = '127.0.0.9';
  let res;
  for (let i = 1; i <= ADDRESS_THRESHOLD; i++) ({ res } = await attempt(OWNER, `gissning-${i}`, { from }));
  assert.equal(res.status, 429, 'the attacking address must wait');
  for (const wait of [1, 2]) { // make the wait long enough for what follows
    await sleep(wait * 1000 + 150);
    ({ res } = await attempt(OWNER, `gissning-efter-${wait}`, { from }));
    assert.equal(Number(res.headers.get('retry-after')), wait * 2);
  }
  // Within those four seconds: the cookie does not help anyone into another account ...
  assert.equal((await withCookie(from, cookie).login(STRATEGIST)).status, 429, 'the address still waits');
  // ... but the owner's browser is counted by itself, apart from the address and the account.
  assert.equal((await withCookie(from, cookie).login(OWNER)).status, 303, 'in, behind the attacker\'s address');
  assert.equal((await withCookie('127.0.0.8', cookie).login(OWNER)).status, 303, 'in, from home');
});

test('an account tried from many addresses waits, for every browser it does not know', async () => {
  const cookie = await knownBrowser(SPREAD, '127.0.0.30');
  // one failure from each of ten addresses: the tenth makes the account wait a second
  for (let i = 31; i <= 40; i++)
    assert.equal((await attempt(SPREAD, `spridd-${i}`, { from: `127.0.0.${i}` })).res.status, 401);
  for (const [wait, from] of [[1, '127.0.0.41'], [2, '127.0.0.42']]) { // 2 s, then 4 s
    await sleep(wait * 1000 + 150);
    assert.equal((await attempt(SPREAD, 'spridd', { from })).res.status, 401);
  }
  const stranger = await attempt(SPREAD, PASSWORD, { from: '127.0.0.43' });
  assert.equal(stranger.res.status, 401, 'a browser the account has not seen waits with the account');
  assert.match(stranger.res.text, FAILED, '... and hears what every failure hears');
  assert.equal((await withCookie('127.0.0.44', cookie).login(SPREAD)).status, 303,
    'the owner\'s known browser gets in from anywhere');
});

test('the known-browser cookie is HttpOnly, SameSite=Strict and only for the login form', async () => {
  const c = new Client(server.url, { from: '127.0.0.12' });
  const page = await c.get('/login');
  const token = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const res = await c.post('/login', { email: STRATEGIST, password: PASSWORD, next: '/' }, { csrf: token });
  assert.equal(res.status, 303);
  const line = res.headers.getSetCookie().find((l) => l.startsWith('insyn_browser='));
  assert.ok(line, 'set at login');
  assert.match(line, /;\s*HttpOnly/i);
  assert.match(line, /;\s*SameSite=Strict/i);
  assert.match(line, /;\s*Path=\/login(;|$)/);
  assert.match(line, /;\s*Max-Age=\d+/);
});

test('failed logins sent at the same time are all counted', async () => {
  // Each attempt needs its own pre-login token; fetch them first, then fire the posts together.
  const from = '127.0.0.13';
  const clients = [];
  for (let i = 0; i < ADDRESS_THRESHOLD; i++) {
    const c = new Client(server.url, { from });
    const page = await c.get('/login');
    clients.push([c, page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1]]);
  }
  const results = await Promise.all(clients.map(([c, token], i) =>
    c.post('/login', { email: `samtidig-${i}@example.org`, password: 'fel-losenord', next: '/' }, { csrf: token })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(ADDRESS_THRESHOLD - 1).fill(401), 429],
    'the last of them to be counted is the one that reaches the threshold');
  const next = await attempt(STRATEGIST, PASSWORD, { from });
  assert.equal(next.res.status, 429, 'the address must wait');
});

test('behind the trusted proxy the client is the last X-Forwarded-For hop', async () => {
  const via = (forwarded) => ({ headers: { 'X-Forwarded-For': forwarded } }); // from 127.0.0.1: the proxy
  for (let i = 1; i < ADDRESS_THRESHOLD; i++)
    assert.equal((await attempt(`prov-${i}@example.org`, 'fel', via(`203.0.113.${i}, 198.51.100.7`), proxied.url)).res.status, 401);
  const last = await attempt('prov@example.org', 'fel', via('198.51.100.7'), proxied.url);
  assert.equal(last.res.status, 429, '198.51.100.7 must wait, whatever the client wrote before it');
  assert.equal((await attempt(PROXIED, PASSWORD, via('198.51.100.7'), proxied.url)).res.status, 429);
  assert.equal((await attempt(PROXIED, PASSWORD, via('198.51.100.7, 203.0.113.9'), proxied.url)).res.status, 303,
    'a client that writes the waiting address first is someone else');
  assert.equal((await attempt(PROXIED, PASSWORD, via('198.51.100.8'), proxied.url)).res.status, 303,
    'other clients behind the proxy are not affected');
  assert.equal((await attempt(PROXIED, PASSWORD, {}, proxied.url)).res.status, 303,
    'the proxy itself, without the header, is a client of its own');
});

test('X-Forwarded-For from anyone but the trusted proxy is ignored', async () => {
  const from = '127.0.0.14';
  for (let i = 1; i <= ADDRESS_THRESHOLD; i++) {
    const { res } = await attempt(`prov-${i}@example.org`, 'fel',
      { from, headers: { 'X-Forwarded-For': `198.51.100.${100 + i}` } }, proxied.url);
    assert.equal(res.status, i < ADDRESS_THRESHOLD ? 401 : 429, `failure ${i}`);
  }
  const fresh = await attempt(PROXIED, PASSWORD, { from, headers: { 'X-Forwarded-For': '198.51.100.250' } }, proxied.url);
  assert.equal(fresh.res.status, 429, 'a new X-Forwarded-For does not make a new client');
});

test('the throttle expires: failures are forgotten a window after the last wait', async () => {
  const via = { headers: { 'X-Forwarded-For': '192.0.2.77' } };
  let res;
  for (let i = 1; i <= ADDRESS_THRESHOLD; i++)
    ({ res } = await attempt(`glomd-${i}@example.org`, 'fel', via, proxied.url));
  assert.equal(res.status, 429);
  const wait = Number(res.headers.get('retry-after'));
  assert.equal(wait, 1);
  await sleep(wait * 1000 + 200);
  // still remembered within the window: the next failure waits longer
  ({ res } = await attempt('glomd@example.org', 'fel', via, proxied.url));
  assert.equal(res.status, 429);
  assert.equal(Number(res.headers.get('retry-after')), 2);
  await sleep((2 + WINDOW) * 1000 + 300);
  ({ res } = await attempt('glomd@example.org', 'fel', via, proxied.url));
  assert.equal(res.status, 401, 'forgotten: a failure is an ordinary failure again');
  assert.equal((await attempt(PROXIED, PASSWORD, via, proxied.url)).res.status, 303);
});

test('a form POST without a CSRF token, or with a wrong one, is refused and stores nothing', async () => {
  const { c } = await attempt(STRATEGIST, PASSWORD);
  assert.match(c.csrf, /^[0-9a-f]{64}$/);
  const fields = { name: 'Utan token AB', org_nr: orgNr(1), kind: 'private', legal_form: 'ab' };
  const none = await c.post('/utforare', fields, { csrf: false });
  assert.equal(none.status, 403);
  assert.match(none.text, /säkerhetstoken/);
  const wrong = await c.post('/utforare', fields, { csrf: 'a'.repeat(64) });
  assert.equal(wrong.status, 403);
  const short = await c.post('/utforare', fields, { csrf: c.csrf.slice(0, 32) });
  assert.equal(short.status, 403);
  assert.equal(await organisationCount(c), 0, 'nothing is stored');
  const list = await c.get('/utforare');
  assert.doesNotMatch(list.text, /Utan token AB/);
  // the same form with the session's token works
  const ok = await c.post('/utforare', fields);
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /^\/utforare\/\d+\?sparat=1$/);
  assert.equal(await organisationCount(c), 1);
});

test("one session's CSRF token does not work for another session", async () => {
  const a = (await attempt(STRATEGIST, PASSWORD)).c;
  const b = (await attempt(STRATEGIST, PASSWORD)).c;
  assert.notEqual(a.csrf, b.csrf);
  const before = await organisationCount(a);
  const res = await a.post('/utforare', { name: 'Fel session AB', org_nr: orgNr(2), kind: 'private' }, { csrf: b.csrf });
  assert.equal(res.status, 403);
  assert.equal(await organisationCount(a), before);
});

test('logging out needs the CSRF token too', async () => {
  const { c } = await attempt(STRATEGIST, PASSWORD);
  const res = await c.post('/logout', {}, { csrf: false });
  assert.equal(res.status, 403);
  const still = await c.get('/oversikt');
  assert.equal(still.status, 200, 'the session is still valid');
});

test('API writes with the session cookie but without X-CSRF-Token are refused', async () => {
  const { c } = await attempt(STRATEGIST, PASSWORD);
  const before = await organisationCount(c);
  const cookie = { Cookie: c.cookieHeader(), 'Content-Type': 'application/json', Accept: 'application/json' };
  const post = await c.request('POST', '/api/v1/organisations', {
    body: JSON.stringify({ name: 'Utan header AB', org_nr: orgNr(3), kind: 'private' }), headers: cookie,
  });
  assert.equal(post.status, 403);
  assert.match(post.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(await organisationCount(c), before, 'nothing is stored');

  const created = await c.api('POST', '/api/v1/organisations', { name: 'Med header AB', org_nr: orgNr(4), kind: 'private' });
  assert.equal(created.status, 201);
  const id = created.json().id;
  const patch = await c.request('PATCH', `/api/v1/organisations/${id}`, {
    body: JSON.stringify({ name: 'Ändrad utan header AB' }), headers: cookie,
  });
  assert.equal(patch.status, 403);
  const wrong = await c.request('PATCH', `/api/v1/organisations/${id}`, {
    body: JSON.stringify({ name: 'Ändrad med fel header AB' }), headers: { ...cookie, 'X-CSRF-Token': 'b'.repeat(64) },
  });
  assert.equal(wrong.status, 403);
  const after = await c.api('GET', `/api/v1/organisations/${id}`);
  assert.equal(after.json().name, 'Med header AB', 'the organisation is unchanged');
  // a csrf form field does not stand in for the header on the API
  const form = await c.request('POST', '/api/v1/organisations', {
    body: new URLSearchParams({ csrf: c.csrf, name: 'Formulär AB', org_nr: orgNr(5), kind: 'private' }).toString(),
    headers: { Cookie: c.cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(form.status, 403);
  assert.equal(await organisationCount(c), before + 1);
});

test('an API token works as Bearer; a wrong one gives 401 problem+json', async () => {
  const made = cli(['token', 'create', server.db, '--email', STRATEGIST]);
  assert.equal(made.code, 0, made.stderr);
  const token = made.stdout.trim();
  assert.match(token, /^insyn_[0-9a-f]{64}$/);

  const list = await bearer(server.url, token, 'GET', '/api/v1/organisations');
  assert.equal(list.status, 200);
  const before = list.json().total;
  // no CSRF header is needed with a token
  const created = await bearer(server.url, token, 'POST', '/api/v1/organisations',
    { name: 'Via nyckel AB', org_nr: orgNr(6), kind: 'private' });
  assert.equal(created.status, 201, created.text);
  assert.match(created.headers.get('location'), /^\/api\/v1\/organisations\/\d+$/);
  const again = await bearer(server.url, token, 'GET', '/api/v1/organisations');
  assert.equal(again.json().total, before + 1);

  const wrongTokens = [
    `insyn_${'0'.repeat(64)}`, // well-formed, unknown
    token.slice(0, -1) + (token.at(-1) === '0' ? '1' : '0'),
    token.slice(6), // without the prefix
    'nonsense',
  ];
  for (const t of wrongTokens) {
    const res = await bearer(server.url, t, 'GET', '/api/v1/organisations');
    assert.equal(res.status, 401, `token ${t}`);
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    const p = res.json();
    assert.equal(p.status, 401);
    assert.equal(typeof p.detail, 'string');
    assert.match(p.detail, /logga in|API-nyckel/);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
  const denied = await bearer(server.url, `insyn_${'0'.repeat(64)}`, 'POST', '/api/v1/organisations',
    { name: 'Fel nyckel AB', org_nr: orgNr(7), kind: 'private' });
  assert.equal(denied.status, 401);
  const count = await bearer(server.url, token, 'GET', '/api/v1/organisations');
  assert.equal(count.json().total, before + 1, 'nothing stored with a wrong token');
});

test('an API token for an unknown user is not created', () => {
  const r = cli(['token', 'create', server.db, '--email', 'ingen@example.org']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /ingen@example\.org/);
});
