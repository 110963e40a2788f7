// joint_meetings.test.mjs — seed 003's "Genomföra utförarträffar": one quarterly meeting of the
// deputy director with all providers of the routine, recorded once with the providers who
// attended (not one meeting and one record per agreement).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, director, orgA, orgB, orgDraft, meeting, ordinary;

before(async () => {
  server = await startServer({ setup: (db) => addUser(db, 'direktor@example.org', 'deputy_director') });
  director = new Client(server.url);
  assert.equal((await director.login('direktor@example.org')).status, 303);
  orgA = await createOrg(director, { name: 'Alfa omsorg AB', org_nr: orgNr(8101) });
  orgB = await createOrg(director, { name: 'Beta omsorg AB', org_nr: orgNr(8102) });
  orgDraft = await createOrg(director, { name: 'Gamma, bara utkast AB', org_nr: orgNr(8103) });
  const common = { form: 'lov', service_area: 'home_care', start: '2020-06-05', end: '2029-06-04' };
  const a = await createAgreement(director, { ...common, case_ref: 'SN 2020/0801', title: 'Kundval Alfa', organisation_id: orgA.id });
  await createAgreement(director, { ...common, case_ref: 'SN 2020/0802', title: 'Kundval Beta', organisation_id: orgB.id });
  await createAgreement(director, { ...common, case_ref: 'SN 2020/0803', title: 'Kundval Gamma', organisation_id: orgDraft.id, status: 'draft' });
  const all = JSON.parse(cli(['schedule', server.db, '--format', 'json']).stdout);
  meeting = all.find((t) => t.activity === 'Utförarträff' && t.routine === 'Kundval hemtjänst (LOV)');
  ordinary = (await director.api('GET', `/api/v1/agreements/${a.id}/followups`)).json().items[0];
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const body = (extra = {}) => ({
  held_on: '2020-09-07', place: 'on_site', location: 'Socialförvaltningen, Storgatan 1',
  attendees_municipality: ['Britt Biträdande, biträdande socialdirektör'], attendees_provider: ['Verksamhetscheferna'],
  topics: 'Nya rutiner för avvikelser; utbildning i dokumentation.',
  provider_answers: 'Utförarna ställde frågor om rapporteringen.', overall_assessment: 'Träffen genomfördes enligt plan.',
  ...extra,
});

test('the meeting offers the routine\'s providers and records those who attended', async () => {
  const view = (await director.api('GET', `/api/v1/followups/${meeting.id}`)).json();
  assert.equal(view.joint, true);
  assert.deepEqual(view.providers.map((p) => p.name), ['Alfa omsorg AB', 'Beta omsorg AB'], 'not the one with only a draft');

  let res = await director.api('POST', `/api/v1/followups/${meeting.id}/records`, body({ organisations: [orgA.id, orgDraft.id] }));
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json().errors[0].field, 'organisations');
  res = await director.api('POST', `/api/v1/followups/${meeting.id}/records`, body({ organisations: [] }));
  assert.equal(res.status, 201, res.text);
  res = await director.api('POST', `/api/v1/followups/${meeting.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 422, 'a meeting nobody attended is not signed');
  assert.match(res.json().errors.find((e) => e.field === 'organisations').message, /vilka utförare som deltog/);

  const form = await director.get(`/uppfoljningar/${meeting.id}/protokoll`);
  assert.match(form.text, /<legend>Närvarande utförare<\/legend>/);
  assert.match(form.text, new RegExp(`name="organisations" value="${orgA.id}">`));
  const saved = await director.post(`/uppfoljningar/${meeting.id}/protokoll`, {
    held_on: '2020-09-07', place: 'on_site', location: 'Socialförvaltningen, Storgatan 1',
    attendees_municipality: 'Britt Biträdande', attendees_provider: 'Verksamhetscheferna',
    topics: 'Nya rutiner för avvikelser.', provider_answers: 'Frågor om rapporteringen.',
    overall_assessment: 'Träffen genomfördes enligt plan.', organisations: [String(orgA.id), String(orgB.id)],
  });
  assert.equal(saved.status, 303, saved.text);
  assert.match((await director.get(`/uppfoljningar/${meeting.id}/protokoll`)).text,
    new RegExp(`name="organisations" value="${orgB.id}" checked>`));
  res = await director.api('POST', `/api/v1/followups/${meeting.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json().record.organisations.map((o) => o.name), ['Alfa omsorg AB', 'Beta omsorg AB']);
  const page = await director.get(`/uppfoljningar/${meeting.id}`);
  assert.match(page.text, /<dt>Närvarande utförare<\/dt><dd><a href="\/utforare\/\d+">Alfa omsorg AB<\/a><\/dd><dd><a href="\/utforare\/\d+">Beta omsorg AB<\/a><\/dd>/);
  // one record for the meeting, in the audit log too
  const verify = cli(['audit', 'verify', server.db]);
  assert.equal(verify.code, 0, verify.stderr);
});

test('an agreement\'s own follow-up names no attending providers', async () => {
  const view = (await director.api('GET', `/api/v1/followups/${ordinary.id}`)).json();
  assert.equal(view.joint, false);
  const res = await director.api('POST', `/api/v1/followups/${ordinary.id}/records`, body({ organisations: [orgA.id] }));
  assert.equal(res.status, 422, res.text);
  assert.match(res.json().errors.find((e) => e.field === 'organisations').message, /gemensam träff/);
  assert.doesNotMatch((await director.get(`/uppfoljningar/${ordinary.id}/protokoll`)).text, /Närvarande utförare/);
});
