// lists.test.mjs — list totals are remembered per filter and data version: they follow every
// change at once, and a filter value can never pass for another filter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, c, org;

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
  c = new Client(server.url);
  assert.equal((await c.login('strateg@example.org')).status, 303);
  org = await createOrg(c, { name: 'Listans utförare AB', org_nr: orgNr(31) });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const total = async (query) => (await c.api('GET', `/api/v1/agreements?${query}`)).json().total;

test('a remembered total follows a new agreement at once', async () => {
  assert.equal(await total('status=active'), 0);
  assert.equal(await total('status=active'), 0);
  await createAgreement(c, { case_ref: 'SN 2026/0001', title: 'Första', organisation_id: org.id });
  assert.equal(await total('status=active'), 1);
  await createAgreement(c, { case_ref: 'SN 2026/0002', title: 'Andra', organisation_id: org.id });
  assert.equal(await total('status=active'), 2);
  assert.equal(await total('status=active&page=2'), 2, 'the page does not change the total');
  const page = await c.get('/avtal?status=active');
  assert.match(page.text, /2 avtal/);
});

test('a value with & in it is not taken for two filters', async () => {
  await createAgreement(c, { case_ref: 'SN 2026/0003', title: 'Avslutat', organisation_id: org.id, status: 'ended' });
  assert.equal(await total(`q=${encodeURIComponent('SN')}&status=ended`), 1);
  assert.equal(await total(`q=${encodeURIComponent('SN&status=ended')}`), 0);
});

test('a search finds Swedish letters whatever their case, on both backends alike', async () => {
  const org2 = await createOrg(c, { name: 'Åkersgårdens Omsorg AB', org_nr: orgNr(32) });
  await createAgreement(c, { case_ref: 'SN 2026/0004', title: 'Ängslyckans äldreboende', organisation_id: org2.id });
  const orgs = async (q) => (await c.api('GET', `/api/v1/organisations?q=${encodeURIComponent(q)}`)).json().items.map((o) => o.name);
  for (const q of ['åkers', 'ÅKERS', 'GÅRDENS', 'Åkersgårdens omsorg']) {
    assert.deepEqual(await orgs(q), ['Åkersgårdens Omsorg AB'], q);
  }
  assert.deepEqual(await orgs('akers'), [], 'å is not a');
  for (const q of ['ängslyckans', 'ÄNGSLYCKANS ÄLDREBOENDE']) assert.equal(await total(`q=${encodeURIComponent(q)}`), 1, q);
  const page = await c.get(`/utforare?q=${encodeURIComponent('ÅKERSGÅRDENS')}`);
  assert.match(page.text, /Åkersgårdens Omsorg AB/);
});

test('a remembered API page follows a change at once, and never crosses from one provider to another', async () => {
  const page = async (client) => (await client.api('GET', '/api/v1/agreements?status=active&sort=case_ref')).json();
  const first = await page(c);
  assert.deepEqual(await page(c), first, 'asked again, the same page');
  const one = first.items.find((g) => g.case_ref === 'SN 2026/0001');
  const patched = await c.api('PATCH', `/api/v1/agreements/${one.id}`, { title: 'Första, omdöpt' });
  assert.equal(patched.status, 200, patched.text);
  const after = await page(c);
  assert.equal(after.items.find((g) => g.id === one.id).title, 'Första, omdöpt');

  // a provider's user asks for the same list after staff did: only its own agreements
  const own = await createOrg(c, { name: 'Egen utförare AB', org_nr: orgNr(33) });
  await createAgreement(c, { case_ref: 'SN 2026/0005', title: 'Utförarens eget', organisation_id: own.id });
  addUser(server.db, 'utforare@egen.example', 'provider_user', own.org_nr);
  const p = new Client(server.url);
  assert.equal((await p.login('utforare@egen.example')).status, 303);
  // nothing is written between these, so staff's page is remembered when the provider asks
  const all = await page(c);
  assert.ok(all.items.length > 1);
  const mine = await page(p);
  assert.deepEqual(mine.items.map((g) => g.case_ref), ['SN 2026/0005']);
  assert.equal(mine.total, 1);
  assert.deepEqual(await page(c), all, 'and staff still see every agreement');
});
