// permit_revoked.test.mjs — seed 004's most common confirmed deviation, end to end: IVO revokes
// a provider's permit; recording IVO's decision makes a serious signal by itself, marks the
// unit's permit revoked and flags the agreement for termination; the deputy director's
// termination ends the agreement, clears the flag and takes its planned follow-ups after the
// last day away; the overview counts the termination by its cause.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { sql } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement, stockholmDate } from './fixtures.mjs';

let server, lawyer, strategist, org, unit, agreement, deputyId;

const userId = (email) => Number(sql(server.db, `SELECT id FROM app_user WHERE email = '${email}'`));

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'jurist@example.org', 'lawyer');
      addUser(db, 'bitr@example.org', 'deputy_director');
    },
  });
  strategist = new Client(server.url);
  assert.equal((await strategist.login('strateg@example.org')).status, 303);
  lawyer = new Client(server.url);
  assert.equal((await lawyer.login('jurist@example.org')).status, 303);
  deputyId = userId('bitr@example.org');
  org = await createOrg(strategist, { name: 'Återkallade omsorg AB', org_nr: orgNr(9301) });
  unit = await createUnit(strategist, {
    organisation_id: org.id, name: 'Hemtjänsten Återkallad', ivo_permit_status: 'granted', ivo_permit_date: '2020-01-15',
  });
  // a LOV agreement gets its follow-ups from the built-in home-care routine
  agreement = await createAgreement(strategist, {
    case_ref: 'SN 2024/0931', title: 'Kundval hemtjänst', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, unit_ids: [unit.id], start: '2024-01-01', end: '2030-12-31',
  });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const planned = async () => (await strategist.api('GET', `/api/v1/agreements/${agreement.id}/followups`)).json()
  .items.filter((f) => f.status !== 'done');

test('a revoked permit flags the agreement; the termination ends it and its schedule', async () => {
  const lastDay = stockholmDate(0); // the same year as the decision: the overview counts it
  assert.ok((await planned()).some((f) => f.due > lastDay), 'follow-ups are planned after the coming last day');

  const decided = stockholmDate(0);
  const res = await lawyer.api('POST', '/api/v1/checks', {
    org_nr: org.org_nr, kind: 'ivo', ivo_kind: 'permit_revoked', unit_id: unit.id, decided_on: decided,
    reference: 'IVO 3.5.1-09931/2026', summary: 'Tillståndet återkallas efter tillsyn.',
  });
  assert.equal(res.status, 201, res.text);
  const signal = (await strategist.api('GET', `/api/v1/signals/${res.json().signal_id}`)).json();
  assert.equal(signal.category, 'permit_revoked');
  assert.equal(signal.source, 'ivo');
  assert.equal(signal.serious, true);
  assert.equal(signal.automatic, true);
  assert.equal((await strategist.api('GET', `/api/v1/units/${unit.id}`)).json().ivo_permit_status, 'revoked');
  let g = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}`)).json();
  assert.equal(g.status, 'active', 'flagged, not yet terminated: that is the deputy director\'s decision');
  assert.equal(g.termination_flag, 'permit_revoked');
  assert.equal(g.termination_flagged_on, decided);
  assert.match((await strategist.get(`/avtal/${agreement.id}`)).text, /Ska sägas upp/);
  const candidates = (await strategist.api('GET', '/api/v1/candidates')).json().items;
  assert.ok(candidates.some((c) => c.org_nr === org.org_nr && c.serious), 'the serious signal makes a candidate');

  // the strategist may not decide a termination; the deputy director may
  const refused = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'termination', decided_on: decided, decided_by: userId('strateg@example.org'),
    reason: 'IVO har återkallat tillståndet.', ends_on: lastDay, cause: 'permit_revoked',
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.json().errors[0].field, 'decided_by');
  assert.equal((await strategist.api('GET', `/api/v1/agreements/${agreement.id}`)).json().status, 'active', 'nothing changed');

  const terminated = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'termination', decided_on: decided, decided_by: deputyId,
    reason: 'IVO har återkallat tillståndet att bedriva verksamheten.', ends_on: lastDay, cause: 'permit_revoked',
  });
  assert.equal(terminated.status, 201, terminated.text);
  g = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}`)).json();
  assert.equal(g.status, 'terminated');
  assert.equal(g.end, lastDay);
  assert.equal(g.termination_reason, 'IVO har återkallat tillståndet att bedriva verksamheten.');
  assert.equal(g.termination_flag, '', 'the flag is cleared by the decision');
  const left = await planned();
  assert.ok(left.every((f) => f.due <= lastDay), `no planned follow-up after the last day: ${JSON.stringify(left.map((f) => f.due))}`);

  const overview = (await strategist.api('GET', '/api/v1/dashboard')).json();
  const byCause = overview.terminated_by_cause.find((r) => r.cause === 'permit_revoked');
  assert.equal(byCause?.count, 1, 'counted by its cause this year');

  const history = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}/history`)).json();
  assert.deepEqual(history.items.slice(0, 2).map((e) => e.action), ['terminate', 'update'], 'terminated after it was flagged');
});
