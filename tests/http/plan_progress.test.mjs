// plan_progress.test.mjs — seed 004's overview follow-up as the demo municipality tells it: the
// approved plan of this year with its nine sampled units, and for each provider the documents from
// IVO, the economic check, both surveys with how many answered, and the in-depth follow-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/harness.mjs';
import { stockholmDate } from './fixtures.mjs';

// The demo tells its planned follow-up as this year's (dates of its story moved to this year,
// never after today).
const TODAY = stockholmDate();
const YEAR = Number(TODAY.slice(0, 4));
const storyDate = (monthDay) => (`${YEAR}-${monthDay}` < TODAY ? `${YEAR}-${monthDay}` : TODAY);

let server, strategist;

before(async () => {
  server = await startServer({ demo: true });
  strategist = new Client(server.url);
  assert.equal((await strategist.login('strateg@sjobacka.example', 'sjobacka-demo-2026')).status, 303);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

test('each sampled provider with its IVO documents, economic check, surveys and in-depth follow-up', async () => {
  const plans = (await strategist.api('GET', '/api/v1/plans')).json().items;
  const plan = plans.find((p) => p.year === YEAR);
  assert.ok(plan, 'the demo has this year\'s plan');
  const page = await strategist.get(`/kontrollplaner/${plan.id}/uppfoljning`);
  assert.equal(page.status, 200);
  const rows = page.text.split('<tr>').slice(2); // after the header row
  assert.equal(rows.length, 9, 'nine units in the sample');
  const provider = rows.map((r) => r.match(/Leverantörer<\/a>: (\d+) av (\d+) svarade/));
  assert.ok(provider.every(Boolean), 'every provider got the survey');
  assert.equal(provider.filter((m) => m[1] === '1').length, 8, 'eight of nine providers answered');
  assert.ok(rows.every((r) => /Socialsekreterare<\/a>: \d+ av \d+ svarade/.test(r)), 'and their case workers');
  const bjorkhagen = rows.find((r) => r.includes('HVB Björkhagen'));
  assert.match(bjorkhagen, /Tillsynsbeslut/);
  assert.match(bjorkhagen, new RegExp(`Avslutad, inledd ${storyDate('05-12')}`), 'its in-depth follow-up');
  assert.match(rows.find((r) => r.includes('HVB Ljunghagen')), /Creditsafe 31 \(gräns 40\): <strong>under gränsen<\/strong>/);
});
