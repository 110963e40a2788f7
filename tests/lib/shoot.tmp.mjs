import { openBrowser } from './browser.mjs';
const [base, email, ...paths] = process.argv.slice(2);
const { browser, page } = await openBrowser();
await page.goto(base + '/login');
await page.fill('#email', email);
await page.fill('#password', 'sjobacka-demo-2026');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
for (const p of paths) {
  await page.goto(base + p);
  const name = p.replace(/[^a-z0-9]+/gi, '_');
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(`/tmp/shots/${name}.png`);
}
await browser.close();
