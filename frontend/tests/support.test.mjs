// The support log in the browser, on the demo data: the worker logs an entry with a private note (the kind as a
// large radio button) for an action of her plan, sees it in her list and in her hours by kind, changes it and deletes another one behind a
// question; her lead sees the team's hours with hers in them, and never the note. axe on each page; the worker's
// page fits a 375 px phone. Run: node --test tests/support.test.mjs (SQLite), or with ROZVOJ_BROWSER_DATABASE=postgres.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertAccessible,
  assertFits,
  browserDatabase,
  browserSuite,
  launchBrowser,
  PHONE,
  signedIn,
  startServer,
} from './harness.mjs';

const WORKER = 'pracovnice@demo.rozvoj.cz';
const WORKER_NAME = 'Jana Nováková';
const LEAD = 'vedouci@demo.rozvoj.cz';

browserSuite('support log', suite);

/** Hours as the page writes them in Czech: minutes / 60 to two decimals, with a decimal comma. */
const hours = (minutes) => new Intl.NumberFormat('cs', { maximumFractionDigits: 2 }).format(Math.round((minutes / 60) * 100) / 100);

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const db = browserDatabase();
  const note = `Rozhovor s rodinou ${Date.now().toString(36)} – jen pro mě`;
  // What the worker had this year before the test (the demo may have logged some), from the API.
  const before0 = { total: 0, intervision: 0 };

  async function api(method, path, token, body) {
    const r = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = (await api('POST', '/api/v1/auth/login', null, { email: WORKER, password: server.password })).access_token;
    const mine = (await api('GET', '/api/v1/support-log/summary', token)).people[0];
    before0.total = mine.total_minutes;
    before0.intervision = mine.kinds.find((k) => k.kind === 'intervision').minutes;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (email, viewport) => signedIn(browser, server, email, { viewport });

  const axe = (page, where) => assertAccessible(page, `${db}: ${where}`);

  const fitsPhone = assertFits;

  async function log(page, minutes, kind, text) {
    await page.getByLabel('Délka v minutách').fill(String(minutes));
    await page.getByRole('radio', { name: kind }).check();
    await page.getByLabel('Poznámka jen pro vás').fill(text);
    await page.getByRole('button', { name: 'Zapsat', exact: true }).click();
    await page.getByRole('status').getByText('Záznam je uložen.').waitFor();
  }

  test(`${db}: the worker logs support, sees it and her hours, changes it and deletes another`, async () => {
    const { context, page, problems } = await as(WORKER, PHONE);
    await page.getByRole('link', { name: 'Profesní podpora' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Profesní podpora' }).waitFor();
    await axe(page, 'support log');
    await fitsPhone(page, 'support log');

    // A day in the future is refused next to its field before anything is sent.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^Den/).fill(tomorrow);
    await page.getByLabel('Délka v minutách').fill('60');
    await page.getByRole('radio', { name: 'mentoring' }).check();
    await page.getByRole('button', { name: 'Zapsat', exact: true }).click();
    await page.getByText('Den nesmí být v budoucnosti.').waitFor();
    await axe(page, 'support log with a field error');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
    await page.getByLabel(/^Den/).fill(today);

    // The first entry serves an action of her development plan (the demo gives her one).
    const action = page.getByLabel('Akce mého plánu rozvoje');
    await action.selectOption({ index: 1 });
    const actionId = await action.inputValue();
    assert.notEqual(actionId, '');
    await log(page, 75, 'intervize', note);
    const mine = page.getByRole('region', { name: 'Moje záznamy' });
    const entry = mine.getByRole('listitem').filter({ hasText: note });
    await entry.getByText('intervize · 1 h 15 min').waitFor();
    const totals = page.getByRole('region', { name: /^Moje hodiny v roce/ });
    await totals.getByText(`Celkem ${hours(before0.total + 75)} h`).waitFor();
    await totals.getByText(`${hours(before0.intervision + 75)} h`).first().waitFor();

    // Changed to 90 minutes: the list and the hours follow.
    await entry.getByRole('button', { name: /^Upravit/ }).click();
    await page.getByRole('heading', { name: 'Upravit záznam' }).waitFor();
    assert.equal(await page.getByLabel('Poznámka jen pro vás').inputValue(), note);
    assert.equal(await action.inputValue(), actionId);
    await page.getByLabel('Délka v minutách').fill('90');
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await page.getByRole('status').getByText('Záznam je uložen.').waitFor();
    await entry.getByText('intervize · 1 h 30 min').waitFor();
    await totals.getByText(`Celkem ${hours(before0.total + 90)} h`).waitFor();

    // Another entry, deleted behind a question.
    await log(page, 30, 'stínování', 'Omylem');
    const wrong = mine.getByRole('listitem').filter({ hasText: 'Omylem' });
    await wrong.getByRole('button', { name: /^Smazat/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Smazat záznam?' });
    await axe(page, 'the delete question');
    await dialog.getByRole('button', { name: 'Smazat' }).click();
    await page.getByRole('status').getByText('Záznam je smazán.').waitFor();
    await wrong.waitFor({ state: 'detached' });
    await totals.getByText(`Celkem ${hours(before0.total + 90)} h`).waitFor();
    await axe(page, 'support log with entries');
    await fitsPhone(page, 'support log with entries');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead sees the team's hours with the worker's, never her note`, async () => {
    const { context, page, problems } = await as(LEAD);
    await page.goto(`${server.baseUrl}/podpora`);
    const team = page.getByRole('region', { name: /^Podpora v týmu v roce/ });
    await team.getByRole('heading', { name: /^Podpora v týmu v roce/ }).waitFor();
    const row = team.getByRole('row').filter({ has: page.getByRole('rowheader', { name: WORKER_NAME }) });
    await row.getByRole('cell', { name: hours(before0.total + 90), exact: true }).waitFor();
    assert.equal(await page.getByText(note).count(), 0);
    assert.ok(!(await page.content()).includes(note), 'the note is somewhere in the lead’s page');
    await axe(page, 'the lead’s support log');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
