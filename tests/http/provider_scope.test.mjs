// provider_scope.test.mjs — a provider_user sees its own organisation and nothing else:
// another organisation's pages and API resources do not exist for it (404, the same as an
// id that was never used), lists are narrowed to its own data whatever the filter says,
// and the administration's overview is closed to it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, cli, Client } from '../lib/harness.mjs';
import { orgNr, createOrg, createUnit, createAgreement } from './fixtures.mjs';

let server;
let provider; // Client logged in as the provider user of A
const A = {};
const B = {};
const NEVER = 987654; // an id no entity has

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'admin@example.org', 'admin') });
  const admin = new Client(server.url);
  assert.equal((await admin.login('admin@example.org')).status, 303);
  for (const [x, n, name] of [[A, 201, 'Alfa Omsorg AB'], [B, 202, 'Beta Behandlingshem AB']]) {
    x.org = await createOrg(admin, { name, org_nr: orgNr(n) });
    x.unit = await createUnit(admin, { organisation_id: x.org.id, name: `${name.split(' ')[0]}gården`, service_area: 'hvb_adults' });
    x.agreement = await createAgreement(admin, {
      case_ref: `SN 2024/0${n}`, title: `${name.split(' ')[0]}avtalet om HVB`, organisation_id: x.org.id,
      unit_ids: [x.unit.id], service_area: 'hvb_adults',
    });
  }
  addUser(server.db, 'foretradare@alfa.example', 'provider_user', A.org.org_nr);
  provider = new Client(server.url);
  assert.equal((await provider.login('foretradare@alfa.example')).status, 303);
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

function mentionsB(text) {
  return [B.org.name, B.org.org_nr, B.unit.name, B.agreement.title, B.agreement.case_ref].filter((s) => text.includes(s));
}

test('a provider user must be bound to an existing organisation', () => {
  const none = cli(['user', 'add', server.db, '--email', 'ingen-org@example.org', '--role', 'provider_user'], { input: 'correct-horse-battery-1\n' });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /organisation/);
  const unknown = cli(['user', 'add', server.db, '--email', 'okand-org@example.org', '--role', 'provider_user', '--organisation', orgNr(299)],
    { input: 'correct-horse-battery-1\n' });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /finns inte/);
});

test("the start page leads to the provider's own organisation", async () => {
  const res = await provider.get('/');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/utforare/${A.org.id}`);
});

test("the provider user sees its own organisation, its units and agreements", async () => {
  const page = await provider.get(`/utforare/${A.org.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(A.org.name));
  assert.ok(page.text.includes(A.unit.name), "A's unit is listed");
  assert.ok(page.text.includes(A.agreement.title), "A's agreement is listed");
  assert.deepEqual(mentionsB(page.text), []);

  const ag = await provider.get(`/avtal/${A.agreement.id}`);
  assert.equal(ag.status, 200);
  assert.ok(ag.text.includes(A.agreement.title));

  for (const [path, id] of [[`/api/v1/organisations/${A.org.id}`, A.org.id], [`/api/v1/agreements/${A.agreement.id}`, A.agreement.id],
    [`/api/v1/units/${A.unit.id}`, A.unit.id]]) {
    const res = await provider.api('GET', path);
    assert.equal(res.status, 200, path);
    assert.equal(res.json().id, id);
  }
});

test("another organisation's pages and resources do not exist for the provider user", async () => {
  const paths = [
    [`/utforare/${B.org.id}`, `/utforare/${NEVER}`],
    [`/avtal/${B.agreement.id}`, `/avtal/${NEVER}`],
    [`/api/v1/organisations/${B.org.id}`, `/api/v1/organisations/${NEVER}`],
    [`/api/v1/agreements/${B.agreement.id}`, `/api/v1/agreements/${NEVER}`],
    [`/api/v1/units/${B.unit.id}`, `/api/v1/units/${NEVER}`],
  ];
  const routes = JSON.parse(cli(['routes', '--format', 'json']).stdout);
  if (routes.some((r) => r.method === 'GET' && r.path === '/enheter/:id'))
    paths.push([`/enheter/${B.unit.id}`, `/enheter/${NEVER}`]);
  for (const [theirs, never] of paths) {
    const api = theirs.startsWith('/api/');
    const res = api ? await provider.api('GET', theirs) : await provider.get(theirs);
    assert.equal(res.status, 404, theirs);
    assert.deepEqual(mentionsB(res.text), [], `${theirs} reveals nothing of B`);
    // indistinguishable from an id that does not exist
    const ref = api ? await provider.api('GET', never) : await provider.get(never);
    assert.equal(ref.status, 404, never);
    if (api) {
      assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
      assert.equal(res.json().detail, ref.json().detail, `${theirs} answers like ${never}`);
    }
  }
  // the same ids are there for the administration
  const admin = new Client(server.url);
  await admin.login('admin@example.org');
  assert.equal((await admin.get(`/utforare/${B.org.id}`)).status, 200);
  assert.equal((await admin.api('GET', `/api/v1/units/${B.unit.id}`)).status, 200);
});

test('lists contain only the provider\'s own data, whatever the filter', async () => {
  const check = async (path, key, want) => {
    const res = await provider.api('GET', path);
    assert.equal(res.status, 200, path);
    const body = res.json();
    const got = body.items.map((x) => x[key]);
    assert.ok(got.every((v) => v === want), `${path}: only ${want}, got ${got}`);
    assert.equal(body.total, body.items.length, `${path}: total counts only what may be seen`);
    return body;
  };
  assert.equal((await check('/api/v1/organisations', 'id', A.org.id)).total, 1);
  assert.equal((await check(`/api/v1/organisations?q=${encodeURIComponent('Beta')}`, 'id', A.org.id)).total, 0);
  assert.equal((await check(`/api/v1/organisations?q=${B.org.org_nr}`, 'id', A.org.id)).total, 0);
  assert.equal((await check('/api/v1/agreements', 'organisation_id', A.org.id)).total, 1);
  await check(`/api/v1/agreements?organisation_id=${B.org.id}`, 'organisation_id', A.org.id);
  assert.equal((await check(`/api/v1/agreements?q=${encodeURIComponent('Betaavtalet')}`, 'organisation_id', A.org.id)).total, 0);
  assert.equal((await check('/api/v1/units', 'organisation_id', A.org.id)).total, 1);
  await check(`/api/v1/units?organisation_id=${B.org.id}`, 'organisation_id', A.org.id);

  for (const path of ['/utforare', `/utforare?q=Beta`, `/utforare?kind=private`, '/avtal', `/avtal?q=Beta`,
    `/avtal?organisation_id=${B.org.id}`]) {
    const page = await provider.get(path);
    assert.equal(page.status, 200, path);
    assert.deepEqual(mentionsB(page.text), [], `${path} shows nothing of B`);
  }
  const orgs = await provider.get('/utforare');
  assert.ok(orgs.text.includes(A.org.name));
  const ags = await provider.get('/avtal');
  assert.ok(ags.text.includes(A.agreement.title));
});

test('the provider user cannot reach the overview, the history or any form', async () => {
  for (const path of ['/oversikt', '/oversikt?today=2025-01-01', '/utforare/ny', `/utforare/${A.org.id}/andra`,
    `/utforare/${A.org.id}/enheter/ny`, '/avtal/nytt', `/avtal/${A.agreement.id}/andra`]) {
    const res = await provider.get(path);
    assert.equal(res.status, 403, path);
  }
  for (const path of ['/api/v1/dashboard', `/api/v1/organisations/${A.org.id}/history`,
    `/api/v1/agreements/${A.agreement.id}/history`, `/api/v1/units/${A.unit.id}/history`]) {
    const res = await provider.api('GET', path);
    assert.equal(res.status, 403, path);
  }
  // writes are refused even for its own organisation, and nothing changes
  const patch = await provider.api('PATCH', `/api/v1/organisations/${A.org.id}`, { name: 'Kapat AB' });
  assert.equal(patch.status, 403);
  const post = await provider.post(`/utforare/${A.org.id}`, { name: 'Kapat AB', org_nr: A.org.org_nr, kind: 'private' });
  assert.equal(post.status, 403);
  const still = await provider.api('GET', `/api/v1/organisations/${A.org.id}`);
  assert.equal(still.json().name, A.org.name);
  const nav = await provider.get(`/utforare/${A.org.id}`);
  assert.doesNotMatch(nav.text, /href="\/oversikt"/, 'the menu has no link to the overview');
});
