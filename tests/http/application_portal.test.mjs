// application_portal.test.mjs — the applicant's portal for LOV applications (seed 003): two
// companies apply, each with a provider user. Each sees its own application and nothing of
// the other's (404, as an id never used), none of the administration's pages or API (403),
// its status, the deadline and the text of a request for supplements, and sends supplements
// that the administration then downloads; files that are empty or name a personnummer are
// refused in Swedish, and nothing is taken once the committee has decided. The decision is
// the applicant's only once announced; the journal, the references and the assessment never.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { orgNr, stockholmDate } from './fixtures.mjs';

const STRATEGIST = 'strateg@example.org';
const DEPUTY = 'bitr.direktor@example.org';
const SECRETARY = 'namndsekreterare@example.org';
const NEVER = 987654;

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const TODAY = stockholmDate(0);
const day = (n) => addDays(TODAY, -n);
const DUE = addDays(TODAY, 7);

// What the administration writes that the applicant must never read.
const JOURNAL = 'Samtal med ekonomichefen om företagets likviditet.';
const REFERENCE = 'Referensen tvekade om ledningens erfarenhet av hemtjänst.';
const ASSESSMENT = 'Bedömningen är att ansökan bör avslås på grund av svag ekonomi.';
const REVIEW = 'Granskaren noterade brister i ekonomiredovisningen.';
const REQUEST = 'Skicka in försäkringsbevis för ansvarsförsäkringen.';
const REASON = 'Företaget har inte visat tillräcklig ekonomisk stabilitet.';

let server, staff, secretary;
const A = { name: 'Alfa Hemtjänst AB', nr: orgNr(301), email: 'vd@alfa.example' };
const B = { name: 'Beta Omsorg AB', nr: orgNr(302), email: 'vd@beta.example' };

async function ok(res, what, status = 200) {
  assert.equal(res.status, status, `${what}: ${res.text.slice(0, 400)}`);
  return res.json();
}

// A multipart upload from the portal's form, with the session's CSRF token.
function upload(client, id, name, content) {
  const form = new FormData();
  form.append('csrf', client.csrf);
  form.append('file', new Blob([content], { type: 'application/pdf' }), name);
  return client.request('POST', `/mina-ansokningar/${id}/filer`, { body: form });
}

function fileLinks(text) {
  return [...text.matchAll(/href="\/ansokningsfiler\/(\d+)">([^<]*)</g)].map((m) => ({ id: Number(m[1]), name: m[2] }));
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, STRATEGIST, 'strategist');
      addUser(db, DEPUTY, 'deputy_director');
      addUser(db, SECRETARY, 'committee_secretary');
    },
  });
  staff = new Client(server.url);
  assert.equal((await staff.login(STRATEGIST)).status, 303);
  secretary = new Client(server.url);
  assert.equal((await secretary.login(SECRETARY)).status, 303);

  for (const [x, received] of [[A, day(40)], [B, day(20)]]) {
    x.app = await ok(await staff.api('POST', '/api/v1/applications', {
      org_nr: x.nr, name: x.name, service_area: 'home_care', received, operations_manager: 'Maria Månsson',
    }), `register ${x.name}`, 201);
    await ok(await staff.api('POST', `/api/v1/applications/${x.app.id}/steps`, {
      step: 'first_review', done_on: addDays(received, 1), notes: REVIEW,
    }), 'first review');
    await ok(await staff.api('POST', `/api/v1/applications/${x.app.id}/notes`, {
      kind: 'journal', noted_on: addDays(received, 1), text: JOURNAL,
    }), 'journal', 201);
    await ok(await staff.api('POST', `/api/v1/applications/${x.app.id}/references`, {
      about: 'management', referee: 'Per Persson, Hemtjänst Norr AB', asked_on: addDays(received, 2), asked_by: 'Sara Strateg', statement: REFERENCE,
    }), 'reference', 201);
    addUser(server.db, x.email, 'provider_user', x.nr);
    x.client = new Client(server.url);
    assert.equal((await x.client.login(x.email)).status, 303);
  }
  // A is asked for supplements, due in a week
  await ok(await staff.api('POST', `/api/v1/applications/${A.app.id}/steps`, {
    step: 'supplements', requested_on: day(38), request: REQUEST, due: DUE,
  }), 'supplements');
});

after(async () => {
  const exit = await server?.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

function assertNothingInternal(text, when) {
  for (const secret of [JOURNAL, REFERENCE, ASSESSMENT, REVIEW, 'Per Persson'])
    assert.ok(!text.includes(secret), `${when}: the portal does not show "${secret}"`);
}

test('each applicant sees only its own applications', async () => {
  for (const [me, other] of [[A, B], [B, A]]) {
    const list = await me.client.get('/mina-ansokningar');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(`href="/mina-ansokningar/${me.app.id}"`), `${me.name} finds its application`);
    assert.ok(!list.text.includes(`/mina-ansokningar/${other.app.id}"`), `${me.name} does not find the other's`);
    assert.ok(!list.text.includes(other.name) && !list.text.includes(other.nr), `${me.name}'s list names nothing of ${other.name}`);
    const own = await me.client.get(`/mina-ansokningar/${me.app.id}`);
    assert.equal(own.status, 200);
    assert.ok(own.text.includes(me.name));
    assertNothingInternal(own.text, `${me.name}'s own case`);
  }
});

test("the other applicant's application and files do not exist; the administration's pages are closed", async () => {
  const file = await upload(A.client, A.app.id, 'forsakringsbrev.pdf', '%PDF-1.4 Alfa');
  assert.equal(file.status, 303, file.text.slice(0, 300));
  const staffPage = await staff.get(`/ansokningar/${A.app.id}`);
  const [link] = fileLinks(staffPage.text);
  assert.ok(link, 'the administration sees the file');

  const theirs = await B.client.get(`/mina-ansokningar/${A.app.id}`);
  assert.equal(theirs.status, 404);
  assert.ok(!theirs.text.includes(A.name) && !theirs.text.includes('forsakringsbrev'), 'the case reveals nothing of A');
  assert.equal((await B.client.get(`/mina-ansokningar/${NEVER}`)).status, 404);
  // the administration's downloads are closed to every applicant, existing or not
  for (const path of [`/ansokningsfiler/${link.id}`, `/ansokningsfiler/${NEVER}`]) {
    const closed = await B.client.get(path);
    assert.equal(closed.status, 403, path);
    assert.ok(!closed.text.includes('forsakringsbrev'), `${path} reveals nothing of A`);
  }
  // an upload to the other's application is refused the same way
  const into = await upload(B.client, A.app.id, 'intrang.pdf', 'Beta');
  assert.equal(into.status, 404);
  assert.equal(fileLinks((await staff.get(`/ansokningar/${A.app.id}`)).text).length, 1, 'nothing was added to A');

  for (const me of [A, B]) {
    for (const path of ['/ansokningar', `/ansokningar/${me.app.id}`, `/ansokningar/${A.app.id === me.app.id ? B.app.id : A.app.id}`, '/ansokningar/ny'])
      assert.equal((await me.client.get(path)).status, 403, `${me.name}: ${path}`);
    for (const path of ['/api/v1/applications', `/api/v1/applications/${me.app.id}`])
      assert.equal((await me.client.api('GET', path)).status, 403, `${me.name}: ${path}`);
  }
});

test('the applicant sees the status, the deadline and what to supplement', async () => {
  const page = await A.client.get(`/mina-ansokningar/${A.app.id}`);
  assert.match(page.text, /Väntar på komplettering/);
  assert.ok(page.text.includes(`Komplettera er ansökan senast ${DUE}`), 'the deadline');
  assert.ok(page.text.includes(`Kommunen begärde komplettering ${day(38)}`));
  assert.ok(page.text.includes(REQUEST), 'the request text');
  assertNothingInternal(page.text, 'awaiting supplements');
  const list = await A.client.get('/mina-ansokningar');
  assert.match(list.text, /Väntar på komplettering/);
  // B has been asked for nothing
  const b = await B.client.get(`/mina-ansokningar/${B.app.id}`);
  assert.match(b.text, /Inkommen/);
  assert.ok(!b.text.includes('Komplettera er ansökan'));
});

test('a supplement sent in the portal reaches the administration, which downloads it', async () => {
  const content = '%PDF-1.4 försäkringsbevis för Alfa Hemtjänst AB';
  const res = await upload(A.client, A.app.id, 'Försäkringsbevis 2026.pdf', content);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/mina-ansokningar/${A.app.id}?sparat=1`);
  const page = await A.client.get(`/mina-ansokningar/${A.app.id}?sparat=1`);
  assert.match(page.text, /Filen har kommit fram till kommunen/);
  assert.ok(page.text.includes('Försäkringsbevis 2026.pdf'));

  const staffPage = await staff.get(`/ansokningar/${A.app.id}`);
  assert.equal(staffPage.status, 200);
  const link = fileLinks(staffPage.text).find((f) => f.name === 'Försäkringsbevis 2026.pdf');
  assert.ok(link, 'the administration sees the file on the case page');
  const file = await staff.get(`/ansokningsfiler/${link.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.text, content);
  assert.match(file.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''F%C3%B6rs%C3%A4kringsbevis%202026\.pdf$/);
  // the applicant sees what it sent by name; downloading is the administration's
  assert.equal((await A.client.get(`/ansokningsfiler/${link.id}`)).status, 403);
});

test('an empty file and a personnummer in the file name are refused in Swedish', async () => {
  const before = fileLinks((await staff.get(`/ansokningar/${A.app.id}`)).text).length;
  const empty = await upload(A.client, A.app.id, 'tom.pdf', '');
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Filen är tom\./);
  assert.match(empty.text, /aria-invalid="true"/);

  const pnr = await upload(A.client, A.app.id, 'Intyg 19121212-1212.pdf', '%PDF-1.4 intyg');
  assert.equal(pnr.status, 422);
  assert.match(pnr.text, /Filens namn innehåller något som ser ut som ett personnummer\. Byt namn på filen\./);
  assert.ok(!pnr.text.includes('19121212-1212'), 'the personnummer is not shown back');
  assertNothingInternal(pnr.text, 'an upload refused');
  assert.equal(fileLinks((await staff.get(`/ansokningar/${A.app.id}`)).text).length, before, 'nothing was stored');
});

test('the decision is the applicant\'s once announced; no files are taken after it', async () => {
  await ok(await staff.api('POST', `/api/v1/applications/${A.app.id}/steps`, {
    step: 'supplements', received_on: day(12), complete_on: day(11),
  }), 'complete');
  // the deputy director, as the assessment form offers her
  const select = (await staff.get(`/ansokningar/${A.app.id}`)).text.match(/<select id="as-with_id"[^>]*>([\s\S]*?)<\/select>/);
  const deputyId = select[1].match(/<option value="(\d+)"/)[1];
  await ok(await staff.api('POST', `/api/v1/applications/${A.app.id}/steps`, {
    step: 'assessment', done_on: day(9), recommendation: 'reject', with_id: deputyId, notes: ASSESSMENT,
  }), 'assessment');
  await ok(await staff.api('POST', `/api/v1/applications/${A.app.id}/steps`, { step: 'memo', done_on: day(8) }), 'memo');
  await ok(await secretary.api('POST', `/api/v1/applications/${A.app.id}/decision`, {
    outcome: 'reject', decided_on: day(5), paragraph: '§ 45', reason: REASON,
  }), 'decision');

  // decided, not announced: the applicant sees an application with the committee
  const waiting = await A.client.get(`/mina-ansokningar/${A.app.id}`);
  assert.equal(waiting.status, 200);
  assert.match(waiting.text, /Till socialnämnden/);
  for (const s of ['Avslag', 'avslog', 'Avslås', REASON, '§ 45', 'Socialnämndens beslut'])
    assert.ok(!waiting.text.includes(s), `before the announcement the portal does not show "${s}"`);
  assert.ok(!(await A.client.get('/mina-ansokningar')).text.includes('Avslag'), 'nor does the list');
  assertNothingInternal(waiting.text, 'decided, not announced');
  assert.match(waiting.text, /Ni kan inte skicka fler filer/);
  assert.ok(!waiting.text.includes('name="file"'), 'no upload form');
  const late = await upload(A.client, A.app.id, 'sent.pdf', '%PDF-1.4 sent');
  assert.equal(late.status, 422);
  assert.match(late.text, /Ansökan har gått till beslut i socialnämnden; inga fler filer tas emot\./);
  assert.ok(!late.text.includes(REASON));

  await ok(await secretary.api('POST', `/api/v1/applications/${A.app.id}/announcement`, { announced_on: day(3) }), 'announcement');
  const announced = await A.client.get(`/mina-ansokningar/${A.app.id}`);
  assert.match(announced.text, /Socialnämndens beslut/);
  assert.match(announced.text, /Avslagen/);
  assert.ok(announced.text.includes(`Socialnämnden avslog er ansökan</strong> ${day(5)} (§ 45).`));
  assert.ok(announced.text.includes(REASON), 'the reason of a rejection');
  assert.ok(announced.text.includes(`Beslutet vinner laga kraft ${addDays(day(3), 21)}`));
  assertNothingInternal(announced.text, 'announced');
  const after = await upload(A.client, A.app.id, 'efter.pdf', '%PDF-1.4 efter');
  assert.equal(after.status, 422);
  assert.match(after.text, /Socialnämnden har beslutat om ansökan; inga fler filer tas emot\./);

  // B's application is untouched and still takes files
  const b = await upload(B.client, B.app.id, 'beta.pdf', '%PDF-1.4 Beta');
  assert.equal(b.status, 303);
  const bPage = await B.client.get(`/mina-ansokningar/${B.app.id}`);
  assert.ok(bPage.text.includes('beta.pdf') && !bPage.text.includes('forsakringsbrev'));
});
