// security.test.mjs — limits and scope found in a security review: what one request may
// make the server hold in memory, and what the secret links and pages show to whom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, strateg;

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
    },
  });
  strateg = new Client(server.url);
  assert.equal((await strateg.login('strateg@example.org')).status, 303);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('a multipart body over 10 MB is refused even when its parts are empty', async () => {
  // Empty fields carry no data, only their headers: the body must still count, or a client
  // could make the server keep one part record per field without end.
  const boundary = 'insynsecuritytest';
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\n\r\n`;
  const count = Math.ceil((11 * 1024 * 1024) / part.length);
  const body = Buffer.from(part.repeat(count) + `--${boundary}--\r\n`);
  assert.ok(body.length > 10 * 1024 * 1024);
  const res = await fetch(`${server.url}/uppfoljningar/1/bilagor`, {
    method: 'POST', body, redirect: 'manual',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Cookie: strateg.cookieHeader() },
  });
  assert.equal(res.status, 413);
  assert.match(await res.text(), /större än 10 MB/);
});

test('a provider user\'s calendar page does not name an agreement that has moved to another provider', async () => {
  const orgA = await createOrg(strateg, { name: 'Säkerhet i Lunda AB', org_nr: orgNr(9101) });
  const orgB = await createOrg(strateg, { name: 'Annan säkerhet AB', org_nr: orgNr(9102) });
  const agreement = await createAgreement(strateg, {
    case_ref: 'SN 2026/0901', title: 'Hemlig ramavtalstitel', form: 'lov', service_area: 'home_care',
    organisation_id: orgA.id,
  });
  addUser(server.db, 'utforare.sak@example.org', 'provider_user', orgA.org_nr);
  const provider = new Client(server.url);
  assert.equal((await provider.login('utforare.sak@example.org')).status, 303);
  const made = await provider.post('/kalender', { kind: 'agreement', agreement_id: String(agreement.id) });
  assert.equal(made.status, 200, made.text);
  assert.match((await provider.get('/kalender')).text, /Hemlig ramavtalstitel/);

  const moved = await strateg.api('PATCH', `/api/v1/agreements/${agreement.id}`, { organisation_id: orgB.id });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await provider.get(`/avtal/${agreement.id}`)).status, 404, 'the agreement is out of scope now');
  const page = await provider.get('/kalender');
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('Hemlig ramavtalstitel'), 'nor is its title on the calendar page');
  assert.ok(!page.text.includes('SN 2026/0901'), 'nor its case reference');
});
