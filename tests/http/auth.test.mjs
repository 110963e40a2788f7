// auth.test.mjs — logging in and out, lock-out after failed logins, the session cookie,
// CSRF protection of forms and the API, and API tokens (Bearer).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, cli, Client, bearer, PASSWORD } from '../lib/harness.mjs';
import { orgNr } from './fixtures.mjs';

const STRATEGIST = 'strateg@example.org';
const LOCKED = 'las-mig@example.org';
const RACED = 'samtidig@example.org';

let server;
before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, STRATEGIST, 'strategist');
      addUser(db, LOCKED, 'reader');
      addUser(db, RACED, 'reader');
    },
  });
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

// Posts the login form as a browser would: GET /login for the pre-login token, then POST.
async function attempt(email, password) {
  const c = new Client(server.url);
  const res = await c.login(email, password);
  return { c, res };
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
    assert.match(res.text, /Fel e-postadress eller lösenord\./);
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

test('five failed logins within 15 minutes lock the account, even for the right password', async () => {
  for (let i = 1; i <= 4; i++) {
    const { res } = await attempt(LOCKED, `fel-losenord-${i}`);
    assert.equal(res.status, 401, `failure ${i} is an ordinary failure`);
    assert.match(res.text, /Fel e-postadress eller lösenord\./);
  }
  const fifth = await attempt(LOCKED, 'fel-losenord-5');
  assert.equal(fifth.res.status, 429, 'the fifth failure locks the account');
  assert.match(fifth.res.text, /låst/);
  const right = await attempt(LOCKED, PASSWORD);
  assert.equal(right.res.status, 429, 'the right password is refused while the account is locked');
  assert.match(right.res.text, /låst/);
  assert.match(right.res.text, /Försök igen efter klockan \d{2}:\d{2}/, 'says until when, in local time');
  assert.equal(right.c.cookies.get('insyn_session'), undefined, 'no session for a locked account');
  // other accounts are not affected
  const other = await attempt(STRATEGIST, PASSWORD);
  assert.equal(other.res.status, 303);
});

test('failed logins sent at the same time are all counted', async () => {
  // Each attempt needs its own pre-login token; fetch them first, then fire the posts together.
  const clients = [];
  for (let i = 0; i < 8; i++) {
    const c = new Client(server.url);
    const page = await c.get('/login');
    clients.push([c, page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1]]);
  }
  const results = await Promise.all(clients.map(([c, token], i) =>
    c.post('/login', { email: RACED, password: `fel-losenord-${i}`, next: '/' }, { csrf: token })));
  for (const r of results) assert.ok([401, 429].includes(r.status), `status ${r.status}`);
  const right = await attempt(RACED, PASSWORD);
  assert.equal(right.res.status, 429, 'eight concurrent failures lock the account');
  assert.match(right.res.text, /låst/);
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
