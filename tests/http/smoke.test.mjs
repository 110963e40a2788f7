// smoke.test.mjs — the server starts, answers /healthz, and a user can log in and out.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';

let server;
before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'strateg@example.org', 'strategist') });
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

test('healthz answers ok', async () => {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('log in, see the overview, log out', async () => {
  const c = new Client(server.url);
  const res = await c.login('strateg@example.org');
  assert.equal(res.status, 303);
  const page = await c.get('/oversikt');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Översikt/);
  const out = await c.post('/logout', {});
  assert.equal(out.status, 303);
  const again = await c.get('/oversikt');
  assert.equal(again.status, 303);
  assert.match(again.headers.get('location'), /^\/login\?next=/);
});
