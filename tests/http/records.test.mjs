// records.test.mjs — recording a follow-up (seed 003 "Dokumentation"): a record with its
// checklist of the agreement's requirements and value-adds, signed by its author only when it
// says what a signed record must say, and immutable after that; its type and case number;
// corrections as new versions; improvement areas followed at the next follow-ups of the same
// activity until fixed (seed 002); provider scope; attachments with checksums; schedule
// changes keep done tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, strateg, jurist, reader, providerA, providerB, agreement, tasks, items;
const FIRST_YEAR = 'Avtalsuppföljning första året';

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'jurist@example.org', 'lawyer');
      addUser(db, 'lasare@example.org', 'reader');
    },
  });
  strateg = new Client(server.url);
  assert.equal((await strateg.login('strateg@example.org')).status, 303);
  const orgA = await createOrg(strateg, { name: 'Omsorg i Lindvik AB', org_nr: orgNr(7001) });
  const orgB = await createOrg(strateg, { name: 'Annan omsorg AB', org_nr: orgNr(7002) });
  agreement = await createAgreement(strateg, {
    case_ref: 'SN 2020/0400', title: 'Kundval hemtjänst Lindvik', form: 'lov', service_area: 'home_care',
    organisation_id: orgA.id, start: '2020-06-05', end: '2022-06-04',
    requirements: ['Genomförandeplan finns i varje ärende', 'Kontaktman är utsedd'], value_adds: ['Aktiviteter utomhus varje vecka'],
  });
  addUser(server.db, 'utforare.a@example.org', 'provider_user', orgA.org_nr);
  addUser(server.db, 'utforare.b@example.org', 'provider_user', orgB.org_nr);
  jurist = new Client(server.url);
  assert.equal((await jurist.login('jurist@example.org')).status, 303);
  reader = new Client(server.url);
  assert.equal((await reader.login('lasare@example.org')).status, 303);
  providerA = new Client(server.url);
  assert.equal((await providerA.login('utforare.a@example.org')).status, 303);
  providerB = new Client(server.url);
  assert.equal((await providerB.login('utforare.b@example.org')).status, 303);
  const list = await strateg.api('GET', `/api/v1/agreements/${agreement.id}/followups`);
  assert.equal(list.status, 200, list.text);
  tasks = list.json().items.filter((t) => t.activity === FIRST_YEAR);
  assert.deepEqual(tasks.map((t) => t.due), ['2020-09-05', '2020-12-05', '2021-03-05', '2021-06-05']);
  const first = await strateg.api('GET', `/api/v1/followups/${tasks[0].id}`);
  items = first.json().checklist_items;
  assert.equal(items.length, 3);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const item = (text) => items.find((i) => i.text.startsWith(text)).id;

function recordBody(extra = {}) {
  return {
    held_on: '2020-09-10', place: 'on_site', location: 'Utförarens kontor, Storgatan 1',
    attendees_municipality: ['Sara Strateg, avtalsansvarig', 'Sven Svensson, 1:e socialsekreterare'],
    attendees_provider: ['Vera Verksamhetschef'],
    checklist: [
      { item_id: item('Genomförandeplan'), outcome: 'partly', comment: 'Saknas i två av tio granskade ärenden.' },
      { item_id: item('Aktiviteter'), outcome: 'fulfilled', comment: '' },
    ],
    provider_answers: 'Utföraren uppger att planerna ska vara klara före årsskiftet.',
    findings: 'Verksamheten fungerar i övrigt väl.',
    overall_assessment: 'Utföraren uppfyller avtalet i huvudsak; genomförandeplanerna ska åtgärdas.',
    actions: [{ text: 'Upprätta genomförandeplaner i alla ärenden', deadline: '2020-11-30', responsible: 'Vera Verksamhetschef' }],
    ...extra,
  };
}

test('a record made through the API is a draft until its author signs it, and signing makes the task done', async () => {
  const t = tasks[0];
  let res = await strateg.api('POST', `/api/v1/followups/${t.id}/records`, recordBody());
  assert.equal(res.status, 201, res.text);
  let body = res.json();
  assert.equal(body.record.status, 'draft');
  assert.equal(body.record.version, 1);
  assert.equal(body.record.place_label, 'Besök på plats');
  assert.deepEqual(body.record.checklist.map((c) => c.outcome), ['partly', 'not_checked', 'fulfilled'],
    'one line per requirement and value-add; the ones not given are not checked');
  assert.equal(body.followup.status, 'overdue');

  const other = await jurist.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(other.status, 403, 'only the author signs');
  assert.match(other.json().detail, /den som har upprättat det/);
  const unconfirmed = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, {});
  assert.equal(unconfirmed.status, 422);
  assert.deepEqual(unconfirmed.json().errors.map((e) => e.field), ['confirm']);

  res = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 200, res.text);
  body = res.json();
  assert.equal(body.record.status, 'signed');
  assert.ok(body.record.signed_at);
  assert.equal(body.record.signed_by, body.record.created_by);
  assert.equal(body.followup.status, 'done');
});

test('a signed record cannot be changed; a correction is a new version and both are kept and audited', async () => {
  const t = tasks[0];
  const patch = await strateg.api('PATCH', `/api/v1/followups/${t.id}/record`, { findings: 'Ändrat i efterhand' });
  assert.equal(patch.status, 409);
  assert.match(patch.json().detail, /signerat och kan inte ändras/);
  const form = await strateg.post(`/uppfoljningar/${t.id}/protokoll`, { held_on: '2020-09-10', place: 'phone', attendees_municipality: 'X' });
  assert.equal(form.status, 409);
  assert.match(form.text, /signerat och kan inte ändras/);
  const again = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(again.status, 409);

  const noReason = await strateg.api('POST', `/api/v1/followups/${t.id}/records`, recordBody());
  assert.equal(noReason.status, 422);
  assert.deepEqual(noReason.json().errors.map((e) => e.field), ['correction_reason']);
  let res = await strateg.api('POST', `/api/v1/followups/${t.id}/records`,
    recordBody({ correction_reason: 'Fel datum angavs.', held_on: '2020-09-11' }));
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json().record.version, 2);
  res = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 200, res.text);
  const body = res.json();
  assert.deepEqual(body.versions.map((v) => [v.version, v.status, v.held_on]),
    [[2, 'signed', '2020-09-11'], [1, 'signed', '2020-09-10']]);
  assert.equal(body.record.previous_id, body.versions[1].id);

  const page = await strateg.get(`/uppfoljningar/${t.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Protokoll, version 2 \(Signerat\)/);
  assert.match(page.text, /href="\/uppfoljningar\/\d+\?version=1"/);
  for (const label of ['Skapad', 'Signerat', 'Rättelse påbörjad']) assert.match(page.text, new RegExp(label));
  const old = await strateg.get(`/uppfoljningar/${t.id}?version=1`);
  assert.match(old.text, /tidigare version/);
  assert.match(old.text, /2020-09-10/);
  const verify = cli(['audit', 'verify', server.db]);
  assert.equal(verify.code, 0, verify.stderr);
});

test('the form records the next follow-up, showing last time\'s improvement areas and whether they were fixed', async () => {
  const t = tasks[1];
  const prev = (await strateg.api('GET', `/api/v1/followups/${tasks[0].id}`)).json().record;
  const formPage = await strateg.get(`/uppfoljningar/${t.id}/protokoll`);
  assert.equal(formPage.status, 200);
  assert.match(formPage.text, /Förbättringsområde förra gången: Delvis uppfyllt/);
  assert.match(formPage.text, /Upprätta genomförandeplaner i alla ärenden/);
  const res = await strateg.post(`/uppfoljningar/${t.id}/protokoll`, {
    held_on: '2020-12-07', place: 'digital', location: 'Teams',
    attendees_municipality: 'Sara Strateg', attendees_provider: 'Vera Verksamhetschef',
    [`checklist.${item('Genomförandeplan')}.outcome`]: 'fulfilled',
    [`checklist.${item('Kontaktman')}.outcome`]: 'not_fulfilled',
    [`checklist.${item('Kontaktman')}.comment`]: 'Kontaktman saknas för nya kunder.',
    [`reviews.${prev.actions[0].id}.outcome`]: 'fixed',
    provider_answers: 'Utföraren utser kontaktman för de nya kunderna.',
    overall_assessment: 'Genomförandeplanerna är på plats; kontaktman saknas för nya kunder.',
    'actions.1.text': '', 'actions.1.deadline': '', 'actions.1.responsible': '',
    'actions.2.text': 'Utse kontaktman inom en vecka', 'actions.2.deadline': '2021-01-15', 'actions.2.responsible': 'Vera Verksamhetschef',
  });
  assert.equal(res.status, 303, res.text);
  const sign = await strateg.post(`/uppfoljningar/${t.id}/signera`, { confirm: '1' });
  assert.equal(sign.status, 303);
  const body = (await strateg.api('GET', `/api/v1/followups/${t.id}`)).json();
  assert.equal(body.record.status, 'signed');
  assert.deepEqual(body.record.actions.map((a) => a.text), ['Utse kontaktman inom en vecka']);
  const areas = body.improvement_areas;
  assert.equal(areas.record_id, prev.id, 'the newest signed version of the previous follow-up');
  assert.deepEqual(areas.items.map((a) => [a.kind, a.text, a.fixed]), [
    ['check', 'Genomförandeplan finns i varje ärende', true],
    ['action', 'Upprätta genomförandeplaner i alla ärenden', true],
  ]);
  const page = await strateg.get(`/uppfoljningar/${t.id}`);
  assert.match(page.text, /Förbättringsområden från tidigare uppföljningar/);
  assert.match(page.text, /Åtgärdat/);
  // and the one after sees this one's areas, not yet judged
  const next = (await strateg.api('GET', `/api/v1/followups/${tasks[2].id}`)).json();
  assert.deepEqual(next.improvement_areas.items.map((a) => [a.text, a.fixed]),
    [['Kontaktman är utsedd', null], ['Utse kontaktman inom en vecka', null]]);
  // the agreement page lists the follow-ups with their records
  const ag = await strateg.get(`/avtal/${agreement.id}`);
  assert.match(ag.text, /Uppföljningar/);
  assert.match(ag.text, new RegExp(`href="/uppfoljningar/${t.id}">2020-12-07, Signerat, version 1`));
});

test('invalid input is refused with field errors in Swedish and nothing is stored', async () => {
  const t = tasks[2];
  const res = await strateg.api('POST', `/api/v1/followups/${t.id}/records`, recordBody({
    held_on: '2020-02-30', place: 'moon', attendees_municipality: [],
    checklist: [{ item_id: item('Kontaktman'), outcome: 'not_fulfilled', comment: '' }, { item_id: 999999, outcome: 'fulfilled' }],
    findings: 'Kunden 19121212-1212 nämndes.',
    actions: [{ text: 'Åtgärd utan datum', deadline: '', responsible: 'Vera' }],
  }));
  assert.equal(res.status, 422, res.text);
  const fields = res.json().errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['actions.1.deadline', 'attendees_municipality', 'checklist', `checklist.${item('Kontaktman')}.comment`,
    'findings', 'held_on', 'place'].sort());
  assert.match(res.json().errors.find((e) => e.field === 'findings').message, /personnummer/);
  const after = (await strateg.api('GET', `/api/v1/followups/${t.id}`)).json();
  assert.equal(after.record, null);
  assert.deepEqual(after.versions, []);
  const form = await strateg.post(`/uppfoljningar/${t.id}/protokoll`, { held_on: '', place: 'on_site' });
  assert.equal(form.status, 422);
  assert.match(form.text, /Uppgifterna kunde inte sparas/);
  assert.match(form.text, /href="#held_on"/);
  assert.match(form.text, /Datum för uppföljningen måste anges/);
  assert.equal((await strateg.api('GET', `/api/v1/followups/${t.id}`)).json().record, null);
});

test('an attachment is stored with a SHA-256 checksum of the uploaded bytes and can be downloaded', async () => {
  const t = tasks[2];
  assert.equal((await strateg.api('POST', `/api/v1/followups/${t.id}/records`, recordBody({ held_on: '2021-03-08', actions: [] }))).status, 201);
  const upload = async (name, bytes) => {
    const form = new FormData();
    form.append('csrf', strateg.csrf);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const res = await fetch(`${server.url}/uppfoljningar/${t.id}/bilagor`, {
      method: 'POST', body: form, headers: { Cookie: strateg.cookieHeader() }, redirect: 'manual',
    });
    return { status: res.status, text: await res.text() };
  };
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255, 254, 13, 10]), Buffer.from('slut')]);
  const res = await upload('Närvarolista.pdf', bytes);
  assert.equal(res.status, 303, res.text);
  const rec = (await strateg.api('GET', `/api/v1/followups/${t.id}`)).json().record;
  assert.equal(rec.attachments.length, 1);
  const att = rec.attachments[0];
  assert.equal(att.name, 'Närvarolista.pdf');
  assert.equal(att.size, bytes.length);
  assert.equal(att.sha256, createHash('sha256').update(bytes).digest('hex'));
  const page = await strateg.get(`/uppfoljningar/${t.id}`);
  assert.match(page.text, new RegExp(att.sha256));
  const dl = await fetch(`${server.url}/bilagor/${att.id}`, { headers: { Cookie: strateg.cookieHeader() } });
  assert.equal(dl.status, 200);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), bytes);
  assert.match(dl.headers.get('content-disposition'), /^attachment;/);

  const big = await upload('stor.pdf', Buffer.alloc(5 * 1024 * 1024 + 1, 65));
  assert.equal(big.status, 422);
  assert.match(big.text, /högst 5 MB/);
  const empty = await upload('tom.pdf', Buffer.alloc(0));
  assert.equal(empty.status, 422);
  assert.equal((await strateg.api('GET', `/api/v1/followups/${t.id}`)).json().record.attachments.length, 1);
});

test('a provider user sees its own organisation\'s signed records only; everything else is not found', async () => {
  const signed = tasks[0], draft = tasks[2];
  let res = await providerA.api('GET', `/api/v1/followups/${signed.id}`);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json().versions.every((v) => v.status === 'signed'));
  assert.equal((await providerA.get(`/uppfoljningar/${signed.id}`)).status, 200);
  assert.equal((await providerA.api('GET', `/api/v1/followups/${draft.id}`)).status, 404, 'a draft is not shown');
  assert.equal((await providerA.get(`/uppfoljningar/${draft.id}`)).status, 404);
  const attId = (await strateg.api('GET', `/api/v1/followups/${draft.id}`)).json().record.attachments[0].id;
  assert.equal((await providerA.get(`/bilagor/${attId}`)).status, 404, 'nor its attachments');
  const list = (await providerA.api('GET', `/api/v1/agreements/${agreement.id}/followups`)).json().items;
  assert.equal(list.find((x) => x.id === draft.id).record, null);
  assert.equal((await providerB.api('GET', `/api/v1/followups/${signed.id}`)).status, 404);
  assert.equal((await providerB.get(`/uppfoljningar/${signed.id}`)).status, 404);
  assert.equal((await providerB.api('GET', `/api/v1/agreements/${agreement.id}/followups`)).status, 404);
  assert.equal((await providerA.api('POST', `/api/v1/followups/${signed.id}/records`, recordBody())).status, 403);
});

test('a user without follow_up.write gets 403', async () => {
  const t = tasks[3];
  const res = await reader.api('POST', `/api/v1/followups/${t.id}/records`, recordBody());
  assert.equal(res.status, 403);
  assert.equal((await reader.get(`/uppfoljningar/${t.id}/protokoll`)).status, 403);
  assert.equal((await reader.get(`/uppfoljningar/${t.id}`)).status, 200, 'but may read');
  assert.equal((await strateg.api('GET', `/api/v1/followups/${t.id}`)).json().record, null);
});

test('moving the end earlier keeps done tasks and their records; later planned tasks disappear', async () => {
  const res = await strateg.api('PATCH', `/api/v1/agreements/${agreement.id}`, { end: '2020-12-31', latest_end: '2020-12-31' });
  assert.equal(res.status, 200, res.text);
  const r = cli(['schedule', server.db, '--agreement', 'SN 2020/0400', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  const first = rows.filter((x) => x.activity === FIRST_YEAR).map((x) => [x.due, x.status]);
  // 2021-03-05 has a draft record and stays; 2021-06-05 had nothing and is gone
  assert.deepEqual(first, [['2020-09-05', 'done'], ['2020-12-05', 'done'], ['2021-03-05', 'overdue']]);
  assert.ok(rows.every((x) => x.due <= '2020-12-31' || x.activity === FIRST_YEAR), 'later planned tasks are gone');
  const kept = await strateg.api('GET', `/api/v1/followups/${tasks[0].id}`);
  assert.equal(kept.status, 200);
  assert.equal(kept.json().versions.length, 2);
});

// ---- what a signed record must say, its type and case number (issue 6, point 9) ----

// A fresh agreement of the same kind, so that these tests do not disturb the ones above.
async function freshAgreement(caseRef) {
  const g = await createAgreement(strateg, {
    case_ref: caseRef, title: `Kundval hemtjänst ${caseRef}`, form: 'lov', service_area: 'home_care',
    organisation_id: agreement.organisation_id, start: '2020-06-05', end: '2022-06-04',
    requirements: ['Genomförandeplan finns i varje ärende'], value_adds: [],
  });
  const all = (await strateg.api('GET', `/api/v1/agreements/${g.id}/followups`)).json().items;
  const first = all.filter((t) => t.activity === FIRST_YEAR);
  const taxChecks = all.filter((t) => t.activity === 'Kontroll med Skatteverket samt kredituppföljning');
  const checklist = (await strateg.api('GET', `/api/v1/followups/${first[0].id}`)).json().checklist_items;
  return { g, first, taxChecks, itemId: checklist[0].id };
}

function complete(itemId, extra = {}) {
  return {
    held_on: '2020-09-10', place: 'on_site', location: 'Utförarens kontor, Storgatan 1',
    attendees_municipality: ['Sara Strateg, avtalsansvarig'], attendees_provider: ['Vera Verksamhetschef'],
    checklist: [{ item_id: itemId, outcome: 'fulfilled', comment: '' }],
    provider_answers: 'Utföraren har besvarat frågorna.',
    overall_assessment: 'Utföraren uppfyller avtalets krav.',
    ...extra,
  };
}

test('signing is refused with one message per missing part, in the API and on the record page', async () => {
  const { first, itemId } = await freshAgreement('SN 2020/0501');
  const t = first[0];
  // a draft may be saved incomplete
  let res = await strateg.api('POST', `/api/v1/followups/${t.id}/records`, complete(itemId, {
    location: '', checklist: [{ item_id: itemId, outcome: 'not_checked' }], provider_answers: '', overall_assessment: '',
  }));
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json().record.status, 'draft');

  res = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 422, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  const problem = res.json();
  assert.match(problem.detail, /kan inte signeras/);
  const messages = Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
  assert.deepEqual(Object.keys(messages).sort(), ['location', 'overall_assessment', 'provider_answers', 'topics']);
  assert.match(messages.location, /^Plats måste anges när uppföljningen var ett besök på plats/);
  assert.match(messages.topics, /^Vad som följdes upp måste framgå/);
  assert.match(messages.provider_answers, /^Utförarens svar måste anges/);
  assert.match(messages.overall_assessment, /^Helhetsbedömning måste anges/);
  assert.equal((await strateg.api('GET', `/api/v1/followups/${t.id}`)).json().record.status, 'draft');

  // the page says what is missing next to the sign button, each linking to its field
  const page = await strateg.get(`/uppfoljningar/${t.id}`);
  const signForm = page.text.slice(page.text.indexOf('id="sign-heading"'));
  for (const [field, message] of Object.entries(messages))
    assert.ok(signForm.includes(`<a href="/uppfoljningar/${t.id}/protokoll#${field}">${message}</a>`), `${field} by the sign button`);
  const refused = await strateg.post(`/uppfoljningar/${t.id}/signera`, { confirm: '1' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Protokollet kunde inte signeras/);
  for (const message of Object.values(messages)) assert.ok(refused.text.includes(message));
  const form = await strateg.get(`/uppfoljningar/${t.id}/protokoll`);
  for (const field of Object.keys(messages)) assert.match(form.text, new RegExp(`id="${field}"`));

  // what was followed up may be written out instead of a checklist line; then it signs
  res = await strateg.api('PATCH', `/api/v1/followups/${t.id}/record`, {
    location: 'Utförarens kontor', topics: 'Bemanningen under sommaren och rutinen för avvikelser.',
    provider_answers: 'Utföraren har rekryterat sommarvikarier.', overall_assessment: 'Verksamheten håller förväntad kvalitet.',
  });
  assert.equal(res.status, 200, res.text);
  res = await strateg.api('POST', `/api/v1/followups/${t.id}/record/sign`, { confirm: true });
  assert.equal(res.status, 200, res.text);
  const rec = res.json().record;
  assert.equal(rec.status, 'signed');
  assert.equal(rec.topics, 'Bemanningen under sommaren och rutinen för avvikelser.');
  assert.equal(rec.overall_assessment, 'Verksamheten håller förväntad kvalitet.');
  const signed = await strateg.get(`/uppfoljningar/${t.id}`);
  assert.match(signed.text, /<h3>Helhetsbedömning<\/h3>\s*<p class="notes">Verksamheten håller förväntad kvalitet.<\/p>/);
  assert.match(signed.text, /Bemanningen under sommaren och rutinen för avvikelser./);
});

test('a record has a type and the follow-up\'s own case number, through the form, the API and the history', async () => {
  const { first, itemId } = await freshAgreement('SN 2020/0502');
  // the form starts from the follow-up's type: a scheduled routine follow-up is continuous
  const blank = await strateg.get(`/uppfoljningar/${first[0].id}/protokoll`);
  assert.match(blank.text, /<option value="continuous" selected>Löpande uppföljning<\/option>/);
  assert.match(blank.text, /<label for="case_ref">Uppföljningsärendets diarienummer<\/label>/);
  let res = await strateg.post(`/uppfoljningar/${first[0].id}/protokoll`, {
    type: 'event_driven', case_ref: 'SN 2020/0183', held_on: '2020-09-10', place: 'digital', location: 'Teams',
    attendees_municipality: 'Sara Strateg', attendees_provider: 'Vera Verksamhetschef',
    [`checklist.${itemId}.outcome`]: 'fulfilled', provider_answers: 'Svar', overall_assessment: 'Bra',
  });
  assert.equal(res.status, 303, res.text);
  let rec = (await strateg.api('GET', `/api/v1/followups/${first[0].id}`)).json().record;
  assert.equal(rec.type, 'event_driven');
  assert.equal(rec.type_label, 'Händelsestyrd uppföljning');
  assert.equal(rec.case_ref, 'SN 2020/0183');
  const edit = await strateg.get(`/uppfoljningar/${first[0].id}/protokoll`);
  assert.match(edit.text, /<option value="event_driven" selected>Händelsestyrd uppföljning<\/option>/);
  assert.match(edit.text, /name="case_ref" type="text" maxlength="40" value="SN 2020\/0183"/);

  res = await strateg.api('PATCH', `/api/v1/followups/${first[0].id}/record`, { type: 'planned_overview', case_ref: 'SN 2020/0190' });
  assert.equal(res.status, 200, res.text);
  rec = res.json().record;
  assert.deepEqual([rec.type, rec.type_label, rec.case_ref], ['planned_overview', 'Särskild uppföljning, översiktlig', 'SN 2020/0190']);
  const page = await strateg.get(`/uppfoljningar/${first[0].id}`);
  assert.match(page.text, /<dt>Typ av uppföljning<\/dt><dd>Särskild uppföljning, översiktlig<\/dd>/);
  assert.match(page.text, /<dt>Uppföljningsärendets diarienummer<\/dt><dd>SN 2020\/0190<\/dd>/);
  // the history shows both, before and after, with their Swedish names
  assert.match(page.text, /<td>Typ av uppföljning<\/td><td>Händelsestyrd uppföljning<\/td><td>Särskild uppföljning, översiktlig<\/td>/);
  assert.match(page.text, /<td>Diarienummer<\/td><td>SN 2020\/0183<\/td><td>SN 2020\/0190<\/td>/);

  // the API's default is the follow-up's type too; a wrong type or a long number is refused
  res = await strateg.api('POST', `/api/v1/followups/${first[1].id}/records`, complete(itemId, { held_on: '2020-12-07' }));
  assert.equal(res.status, 201, res.text);
  assert.deepEqual([res.json().record.type, res.json().record.case_ref], ['continuous', '']);
  res = await strateg.api('PATCH', `/api/v1/followups/${first[1].id}/record`, { type: 'planned', case_ref: 'SN 2020/0183 '.repeat(5) });
  assert.equal(res.status, 422);
  const errors = Object.fromEntries(res.json().errors.map((e) => [e.field, e.message]));
  assert.match(errors.type, /Typ av uppföljning har ett okänt värde/);
  assert.match(errors.case_ref, /högst 40 tecken/);
});

// ---- improvement areas follow their activity (issue 6, point 10) ----

test('agreed actions are reviewed at the next follow-ups of the same activity until found fixed, never at another activity\'s follow-up', async () => {
  const { first, taxChecks, itemId } = await freshAgreement('SN 2020/0503');
  // the tax and credit check falls due the same day as the first year's last follow-up
  const sameDay = taxChecks.find((m) => m.due === first[3].due);
  assert.ok(sameDay, 'a tax check falls due on the day of a first-year follow-up');
  const action = { text: 'Upprätta genomförandeplaner i alla ärenden', deadline: '2020-11-30', responsible: 'Vera Verksamhetschef' };
  let res = await strateg.api('POST', `/api/v1/followups/${first[0].id}/records`, complete(itemId, {
    checklist: [{ item_id: itemId, outcome: 'partly', comment: 'Saknas i två ärenden.' }], actions: [action],
  }));
  assert.equal(res.status, 201, res.text);
  assert.equal((await strateg.api('POST', `/api/v1/followups/${first[0].id}/record/sign`, { confirm: true })).status, 200);
  const actionId = (await strateg.api('GET', `/api/v1/followups/${first[0].id}`)).json().record.actions[0].id;

  // the tax check, another activity, neither shows nor reviews the action
  let meeting = (await strateg.api('GET', `/api/v1/followups/${sameDay.id}`)).json();
  assert.deepEqual(meeting.improvement_areas.items, []);
  res = await strateg.api('POST', `/api/v1/followups/${sameDay.id}/records`, complete(itemId, {
    held_on: '2021-06-07', checklist: [], topics: 'F-skatt och skulder hos Kronofogden.', reviews: [{ action_id: actionId, outcome: 'fixed' }],
  }));
  assert.equal(res.status, 422, 'the tax check cannot review it');
  assert.match(res.json().errors.find((e) => e.field === 'reviews').message, /samma aktivitet/);
  res = await strateg.api('POST', `/api/v1/followups/${sameDay.id}/records`, complete(itemId, {
    held_on: '2021-06-07', checklist: [], topics: 'F-skatt och skulder hos Kronofogden.',
  }));
  assert.equal(res.status, 201, res.text);
  assert.equal((await strateg.api('POST', `/api/v1/followups/${sameDay.id}/record/sign`, { confirm: true })).status, 200);

  // the next follow-up of the activity reviews it, and finds it not fixed
  let next = (await strateg.api('GET', `/api/v1/followups/${first[1].id}`)).json();
  let area = next.improvement_areas.items.find((a) => a.kind === 'action');
  assert.ok(area, 'the next follow-up of the activity shows the action');
  assert.deepEqual([area.id, area.agreed_on, area.agreed_follow_up_id, area.reviews], [actionId, '2020-09-10', first[0].id, []]);
  res = await strateg.api('POST', `/api/v1/followups/${first[1].id}/records`, complete(itemId, {
    held_on: '2020-12-07', reviews: [{ action_id: actionId, outcome: 'not_fixed', comment: 'Planerna saknas fortfarande i två ärenden.' }],
  }));
  assert.equal(res.status, 201, res.text);
  assert.equal((await strateg.api('POST', `/api/v1/followups/${first[1].id}/record/sign`, { confirm: true })).status, 200);

  // not fixed: it stays on the one after, with when it was agreed and how it was judged since
  next = (await strateg.api('GET', `/api/v1/followups/${first[2].id}`)).json();
  area = next.improvement_areas.items.find((a) => a.kind === 'action');
  assert.ok(area, 'an action not fixed carries forward');
  assert.equal(area.id, actionId);
  assert.equal(area.previous_outcome_label, 'Inte åtgärdat');
  assert.deepEqual(area.reviews.map((r) => [r.held_on, r.outcome, r.comment]),
    [['2020-12-07', 'not_fixed', 'Planerna saknas fortfarande i två ärenden.']]);
  const form = await strateg.get(`/uppfoljningar/${first[2].id}/protokoll`);
  assert.match(form.text, /Öppna åtgärder från tidigare uppföljningar/);
  assert.match(form.text, new RegExp(`Överenskommen vid uppföljningen <a href="/uppfoljningar/${first[0].id}">2020-09-10</a>\\.`));
  assert.match(form.text, new RegExp(`<li>Bedömd <a href="/uppfoljningar/${first[1].id}">2020-12-07</a>: Inte åtgärdat – Planerna saknas fortfarande i två ärenden\\.</li>`));
  res = await strateg.post(`/uppfoljningar/${first[2].id}/protokoll`, {
    held_on: '2021-03-08', place: 'digital', location: 'Teams', attendees_municipality: 'Sara Strateg', attendees_provider: 'Vera Verksamhetschef',
    [`checklist.${itemId}.outcome`]: 'fulfilled', provider_answers: 'Alla planer är klara.', overall_assessment: 'Avtalet följs.',
    [`reviews.${actionId}.outcome`]: 'fixed', [`reviews.${actionId}.comment`]: 'Stickprov visar planer i alla ärenden.',
  });
  assert.equal(res.status, 303, res.text);
  const page = await strateg.get(`/uppfoljningar/${first[2].id}`);
  assert.match(page.text, /Förbättringsområden från tidigare uppföljningar/);
  assert.match(page.text, /Bedömd 2020-12-07: Inte åtgärdat/);
  assert.equal((await strateg.post(`/uppfoljningar/${first[2].id}/signera`, { confirm: '1' })).status, 303);

  // found fixed: it no longer shows
  const last = (await strateg.api('GET', `/api/v1/followups/${first[3].id}`)).json();
  assert.deepEqual(last.improvement_areas.items.filter((a) => a.kind === 'action'), []);
  assert.doesNotMatch((await strateg.get(`/uppfoljningar/${first[3].id}/protokoll`)).text, /Upprätta genomförandeplaner i alla ärenden/);
});
