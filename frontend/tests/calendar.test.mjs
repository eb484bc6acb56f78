// Browser test of the calendar-feed page (/kalendar): a worker makes a feed, its address serves her calendar
// (text/calendar), she revokes it after confirming, and the address answers 404. Every state passes axe, on a
// desktop and on a 375 px phone.
// Run: make build && cd frontend && ROZVOJ_BIN=../bin/rozvoj node --test tests/calendar.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible, browserSuite, launchBrowser, startServer } from './harness.mjs';

browserSuite('calendar browser tests', suite);

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const axe = assertAccessible;

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 740 },
  ]) {
    test(`a worker makes a feed, it serves her calendar, she revokes it (${viewport.width} px)`, async () => {
      const context = await browser.newContext({ viewport, locale: 'cs-CZ' });
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource: .*status of 4\d\d/.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.setDefaultTimeout(10_000);

      await page.goto(`${server.baseUrl}/kalendar`);
      await page.waitForURL(/\/prihlaseni/);
      await page.getByLabel('E-mail').fill('pracovnice@demo.rozvoj.cz');
      await page.getByLabel('Heslo').fill(server.password);
      await page.getByRole('button', { name: 'Přihlásit se' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kalendář' }).waitFor();
      await page.getByText('Zatím nemáte žádný odběr.').waitFor();
      await axe(page, 'calendar, no feeds');

      // A nameless feed is refused with the field named.
      await page.getByRole('button', { name: 'Vytvořit odběr' }).click();
      await page.locator('#cal-name[aria-invalid="true"]').waitFor();
      await axe(page, 'calendar, nameless');

      const name = `Telefon ${viewport.width}`;
      await page.getByLabel('Název').fill(name);
      await page.getByRole('button', { name: 'Vytvořit odběr' }).click();
      const urlField = page.getByLabel(/^Adresa odběru/);
      await urlField.waitFor();
      const url = await urlField.inputValue();
      assert.match(url, /\/api\/v1\/calendar\/[a-z2-7]{52}\.ics$/);
      await page.getByText('Google Kalendář').waitFor();
      assert.equal(await page.getByRole('listitem').filter({ hasText: name }).count(), 1);
      await axe(page, 'calendar, feed made');
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'the page scrolls sideways',
      );

      const feed = await fetch(url);
      assert.equal(feed.status, 200);
      assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
      const body = await feed.text();
      assert.ok(body.startsWith('BEGIN:VCALENDAR'), body.slice(0, 200));
      assert.match(body, /BEGIN:VTIMEZONE/);
      // Jana has demo registrations: her sessions are there, in Prague time, without her name or e-mail.
      assert.match(body, /BEGIN:VEVENT[\s\S]*DTSTART;TZID=Europe\/Prague:/);
      assert.doesNotMatch(body, /pracovnice@demo|Nováková/);

      await page.getByRole('button', { name: `Zrušit odběr: ${name}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Zrušit odběr?' });
      await dialog.waitFor();
      await axe(page, 'calendar, revoke dialog');
      await dialog.getByRole('button', { name: 'Zrušit odběr' }).click();
      await page.getByText(`Odběr „${name}“ je zrušený.`).waitFor();
      assert.equal(await page.getByRole('listitem').filter({ hasText: name }).count(), 0);
      await axe(page, 'calendar, revoked');

      const gone = await fetch(url);
      assert.equal(gone.status, 404);
      assert.match(gone.headers.get('content-type') ?? '', /^application\/problem\+json/);

      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
