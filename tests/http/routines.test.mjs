// routines.test.mjs — a routine's header edited and new routines created in the app: what it
// applies to decides which agreements get follow-ups from it, and their schedules follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, cli } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement } from './fixtures.mjs';

let server, director, anna, lou, framework;

// Routine 1 as seed 003 ships it.
const ROUTINE_1 = {
  name: 'Kundval hemtjänst (LOV)', forms: ['lov', 'in_house'], service_areas: ['home_care'],
  main_role: 'deputy_director', substitute_role: 'director',
};

function schedule(caseRef) {
  const res = cli(['schedule', server.db, '--agreement', caseRef, '--format', 'json']);
  assert.equal(res.code, 0, res.stderr);
  return JSON.parse(res.stdout);
}

function auditVerified() {
  const audit = cli(['audit', 'verify', server.db]);
  assert.equal(audit.code, 0, audit.stdout + audit.stderr);
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'direktor@example.org', 'deputy_director');
      addUser(db, 'anna@example.org', 'strategist');
    },
  });
  director = new Client(server.url);
  anna = new Client(server.url);
  assert.equal((await director.login('direktor@example.org')).status, 303);
  assert.equal((await anna.login('anna@example.org')).status, 303);
  const org = await createOrg(director, { name: 'Rutinernas utförare AB', org_nr: orgNr(4242) });
  // home care bought under LOU: no routine applies to it as shipped
  lou = await createAgreement(director, {
    case_ref: 'SN 2024/0301', title: 'Hemtjänst i Norrby, LOU', form: 'lou', service_area: 'home_care',
    organisation_id: org.id, start: '2024-01-01', end: '2027-12-31', requirements: ['Rutinernas krav'],
  });
  framework = await createAgreement(director, {
    case_ref: 'SN 2024/0302', title: 'HVB vuxna, ramavtal', form: 'lou_framework', service_area: 'hvb_adults',
    organisation_id: org.id, start: '2024-01-01', end: '2025-12-31',
  });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('the routine pages offer a new routine and the routine form', async () => {
  const list = await director.get('/rutiner');
  assert.match(list.text, /href="\/rutiner\/ny">Ny rutin</);
  const routine = await director.get('/rutiner/1');
  assert.match(routine.text, /href="\/rutiner\/1\/andra">Ändra rutinen</);
  const form = await director.get('/rutiner/1/andra');
  assert.equal(form.status, 200);
  assert.match(form.text, /value="Kundval hemtjänst \(LOV\)"/);
  assert.match(form.text, /name="forms" value="lov" checked/);
  assert.match(form.text, /name="forms" value="in_house" checked/);
  assert.match(form.text, /name="forms" value="lou">/);
  assert.match(form.text, /name="service_areas" value="home_care" checked/);
  assert.match(form.text, /<option value="deputy_director" selected>/);
  assert.match(form.text, /Flera rutiner får gälla samma avtalsform och verksamhetsområde/);
  assert.match(form.text, /name="csrf" value="[0-9a-f]{64}"/);
  const empty = await director.get('/rutiner/ny');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /<h1>Ny rutin<\/h1>/);
  assert.match(empty.text, /action="\/rutiner"/);
  // the strategist reads routines but does not change them
  assert.equal((await anna.get('/rutiner/1')).status, 200);
  assert.doesNotMatch((await anna.get('/rutiner')).text, /Ny rutin/);
  assert.doesNotMatch((await anna.get('/rutiner/1')).text, /Ändra rutinen/);
  assert.equal((await anna.get('/rutiner/ny')).status, 403);
  assert.equal((await anna.get('/rutiner/1/andra')).status, 403);
});

test('a routine that comes to cover an agreement gives it follow-ups, and takes them away again', async () => {
  assert.equal(schedule('SN 2024/0301').length, 0, 'no routine applies to home care under LOU');
  const widened = await director.post('/rutiner/1', { ...ROUTINE_1, forms: ['lou', 'lov', 'in_house'] });
  assert.equal(widened.status, 303, widened.text);
  assert.equal(widened.headers.get('location'), '/rutiner/1?sparat=1');
  const page = await director.get('/rutiner/1');
  assert.match(page.text, /LOU<br>LOV, valfrihetssystem<br>Egen regi<br>/);
  const tasks = schedule('SN 2024/0301');
  assert.ok(tasks.length > 0);
  assert.ok(tasks.every((t) => t.routine === 'Kundval hemtjänst (LOV)'));
  assert.equal(tasks.filter((t) => t.activity === 'Avtalsuppföljning första året').length, 4);

  // the first follow-up is held and its record signed: it is done
  const first = tasks.find((t) => t.activity === 'Avtalsuppföljning första året');
  const record = {
    held_on: first.due, place: 'written', attendees_municipality: ['Rutinernas strateg'],
    topics: 'Avtalets krav', provider_answers: 'Skriftliga svar', overall_assessment: 'Avtalet följs.',
  };
  const made = await director.api('POST', `/api/v1/followups/${first.id}/records`, record);
  assert.equal(made.status, 201, made.text);
  const signed = await director.api('POST', `/api/v1/followups/${first.id}/record/sign`, { confirm: true });
  assert.equal(signed.status, 200, signed.text);

  // narrowed again: the agreement keeps only what was done
  const narrowed = await director.post('/rutiner/1', ROUTINE_1);
  assert.equal(narrowed.status, 303, narrowed.text);
  const left = schedule('SN 2024/0301');
  assert.equal(left.length, 1, JSON.stringify(left));
  assert.equal(left[0].id, first.id);
  assert.equal(left[0].status, 'done');
  auditVerified();
});

test('a new routine for HVB framework agreements gives them quarterly follow-ups', async () => {
  assert.equal(schedule('SN 2024/0302').length, 0);
  const created = await director.post('/rutiner', {
    name: 'HVB vuxna, ramavtal', forms: ['lou_framework'], service_areas: ['hvb_adults'],
    main_role: 'deputy_director', substitute_role: 'strategist',
  });
  assert.equal(created.status, 303, created.text);
  const id = created.headers.get('location').match(/^\/rutiner\/(\d+)\?sparat=1$/)[1];
  const page = await director.get(`/rutiner/${id}`);
  assert.match(page.text, /<h1>HVB vuxna, ramavtal<\/h1>/);
  assert.match(page.text, /LOU, ramavtal/);
  assert.match(page.text, /HVB vuxna, missbruk/);
  assert.match(page.text, /Rutinen har inga aktiviteter ännu/);
  assert.equal(schedule('SN 2024/0302').length, 0, 'no activities yet');

  const activity = await director.post(`/rutiner/${id}/aktiviteter`, {
    name: 'Kvartalsuppföljning av HVB', level: 'provider', responsible_role: 'strategist', frequency: 'every:3',
  });
  assert.equal(activity.status, 303, activity.text);
  const tasks = schedule('SN 2024/0302');
  assert.deepEqual(tasks.map((t) => t.due),
    ['2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
  assert.ok(tasks.every((t) => t.activity === 'Kvartalsuppföljning av HVB' && t.routine === 'HVB vuxna, ramavtal'));
  // the list shows it
  assert.match((await director.get('/rutiner')).text, new RegExp(`href="/rutiner/${id}">HVB vuxna, ramavtal<`));
  auditVerified();
});

test('two routines may apply to the same agreements; each gives its follow-ups', async () => {
  const copyForm = await director.get('/rutiner/ny?kopia=1');
  assert.equal(copyForm.status, 200);
  assert.match(copyForm.text, /value="Kundval hemtjänst \(LOV\) \(kopia\)"/);
  assert.match(copyForm.text, /name="copy_from" value="1"/);
  const before = schedule('SN 2024/0302').length;
  const copied = await director.post('/rutiner', {
    name: 'HVB vuxna, utökad uppföljning', forms: ['lou_framework'], service_areas: ['hvb_adults'],
    main_role: 'deputy_director', substitute_role: 'director', copy_from: '1',
  });
  assert.equal(copied.status, 303, copied.text);
  const id = copied.headers.get('location').match(/^\/rutiner\/(\d+)\?sparat=1$/)[1];
  const page = await director.get(`/rutiner/${id}`);
  assert.match(page.text, /Avtalsuppföljning första året/);
  assert.match(page.text, /Citrix och Viva/);
  const tasks = schedule('SN 2024/0302');
  assert.ok(tasks.length > before);
  assert.ok(tasks.some((t) => t.routine === 'HVB vuxna, ramavtal'));
  assert.ok(tasks.some((t) => t.routine === 'HVB vuxna, utökad uppföljning' && t.activity === 'Avtalsuppföljning första året'));
  auditVerified();
});

test('a routine with errors is refused with every reason, and nothing is stored', async () => {
  const routines = (await director.get('/rutiner')).text;
  const tasks = JSON.stringify(schedule('SN 2024/0301'));
  const empty = await director.post('/rutiner', { name: '  ', main_role: 'director', substitute_role: 'director' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Namn måste anges\./);
  assert.match(empty.text, /Välj minst en avtalsform som rutinen gäller\./);
  assert.match(empty.text, /Välj minst ett verksamhetsområde som rutinen gäller\./);
  assert.match(empty.text, /Ersättaren ska vara en annan roll än huvudansvarig\./);
  assert.match(empty.text, /<fieldset id="forms" aria-describedby="applies-hint forms-error" class="invalid">/);
  assert.match(empty.text, /aria-invalid="true" aria-describedby="name-error"/);

  const duplicate = await director.post('/rutiner/1', {
    ...ROUTINE_1, name: 'Särskilda boenden för äldre, extern drift och egen regi', forms: ['lou', 'lov'],
  });
  assert.equal(duplicate.status, 422);
  assert.match(duplicate.text, /Det finns redan en rutin med det namnet\./);
  // the form keeps what was chosen
  assert.match(duplicate.text, /name="forms" value="lou" checked/);
  assert.match(duplicate.text, /name="forms" value="in_house">/);
  const duplicateNew = await director.post('/rutiner', { ...ROUTINE_1 });
  assert.equal(duplicateNew.status, 422);
  assert.match(duplicateNew.text, /Det finns redan en rutin med det namnet\./);

  const unknown = await director.post('/rutiner/1', { ...ROUTINE_1, forms: ['lov', 'barter'], main_role: 'provider_user' });
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /Okänd avtalsform\./);
  assert.match(unknown.text, /Huvudansvarig ska vara en av förvaltningens roller\./);

  assert.equal((await director.post('/rutiner/999', ROUTINE_1)).status, 404);
  assert.equal((await director.get('/rutiner/999/andra')).status, 404);
  assert.equal((await director.get('/rutiner/ny?kopia=999')).status, 404);

  assert.equal((await director.get('/rutiner')).text.replace(/name="csrf" value="[0-9a-f]+"/g, ''),
    routines.replace(/name="csrf" value="[0-9a-f]+"/g, ''), 'no routine changed or added');
  assert.equal(JSON.stringify(schedule('SN 2024/0301')), tasks);
  auditVerified();
});

test('a strategist may not change or create routines', async () => {
  const refused = await anna.post('/rutiner/1', { ...ROUTINE_1, forms: ['lou'] });
  assert.equal(refused.status, 403);
  const refusedNew = await anna.post('/rutiner', { ...ROUTINE_1, name: 'Strategens rutin' });
  assert.equal(refusedNew.status, 403);
  assert.doesNotMatch((await director.get('/rutiner')).text, /Strategens rutin/);
  assert.match((await director.get('/rutiner/1')).text, /LOV, valfrihetssystem<br>Egen regi<br><\/dd>/);
});
