// The issue-5 journey in the browser, on the demo data: the worker rates herself and submits, her lead proposes a
// different level and marks it reviewed, she agrees, her profile shows the agreed level; she makes a development
// plan, proposes it, the lead approves it. Also the team heatmap, notifications, and axe on every new page.
// Run: npm run test:journey (SQLite) or ROZVOJ_BROWSER_DATABASE=postgres npm run test:journey.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertAccessible,
  browserDatabase,
  browserSuite,
  launchBrowser,
  signedIn,
  startServer,
} from './harness.mjs';

const WORKER = 'pracovnice@demo.rozvoj.cz';
const LEAD = 'vedouci@demo.rozvoj.cz';

browserSuite('journey', suite);

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const db = browserDatabase();

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (email, opts = {}) => signedIn(browser, server, email, opts);

  const axe = (page, where) => assertAccessible(page, `${db}: ${where}`);

  /** "Stáhnout PDF" hands the browser a real PDF (fetched with the access token, saved from a blob). */
  async function pdf(page, what) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Stáhnout PDF' }).click()]);
    assert.match(download.suggestedFilename(), /\.pdf$/, what);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    assert.equal(Buffer.concat(chunks).subarray(0, 5).toString(), '%PDF-', `${what}: a PDF`);
  }

  async function open(page, path, heading) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading'));
  }

  /** The worker's open assessment in the state the demo left it, brought to a draft she can rate. */
  async function openDraft(page) {
    await open(page, '/moje-hodnoceni', 'Moje sebehodnocení');
    const start = page.getByRole('button', { name: 'Začít sebehodnocení' });
    const stepper = page.locator('.stepper');
    const readOnly = page.locator('.ratings-table').first();
    await start.or(stepper).or(readOnly).first().waitFor();
    if (await start.isVisible()) {
      await start.click();
      await stepper.waitFor();
    }
    return (await stepper.count()) > 0;
  }

  // State shared by the steps, in order.
  const shared = { assessmentUrl: '', changedCode: '', planUrl: '' };

  test(`${db}: the worker rates every competency with autosave and submits`, async () => {
    const { context, page, problems } = await as(WORKER);
    const editable = await openDraft(page);
    assert.ok(editable, 'the demo worker has an assessment she can rate (a draft or returned)');
    await axe(page, 'self-assessment');

    // Evidence typed into the first competency is saved by itself.
    const firstText = page.locator('.asm-domain textarea').first();
    await firstText.fill('Vedla jsem případovou konferenci k ohroženému dítěti.');
    await page.locator('.save-status').filter({ hasText: /^Uloženo/ }).waitFor();

    // Someone changes the assessment elsewhere (another tab): the next autosave meets 409, reads it again, keeps
    // what was typed here, says so, and saves it on top.
    const items = page.locator('.asm-domain fieldset.rate-item');
    const otherId = ((await items.nth(1).getAttribute('id')) ?? '').replace(/^c-/, '');
    const status = await page.evaluate(async (competencyId) => {
      const { access_token: token } = await (await fetch('/api/v1/auth/refresh', { method: 'POST' })).json();
      const auth = { Authorization: `Bearer ${token}` };
      const list = await (await fetch('/api/v1/assessments?state=draft', { headers: auth })).json();
      const id = list.items[0].id;
      const cur = await fetch(`/api/v1/assessments/${id}`, { headers: auth });
      const r = await fetch(`/api/v1/assessments/${id}/ratings`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': cur.headers.get('ETag') ?? '' },
        body: JSON.stringify({ ratings: [{ competency_id: competencyId, level: 4, not_applicable: false, evidence: 'z jiného okna' }] }),
      });
      return r.status;
    }, otherId);
    assert.equal(status, 200);
    await items.first().locator('input[value="1"]').check();
    await page.getByText('Sebehodnocení se mezitím změnilo jinde').waitFor();
    await page.locator('.save-status').filter({ hasText: /^Uloženo/ }).waitFor();
    assert.equal(await items.first().locator('input[value="1"]').isChecked(), true, 'what was typed here stays');
    assert.equal(await items.nth(1).locator('input[value="4"]').isChecked(), true, 'what was saved elsewhere shows');
    assert.equal(await items.nth(1).locator('textarea').inputValue(), 'z jiného okna');
    await axe(page, 'self-assessment after a conflict');

    const steps = page.locator('.stepper button');
    const domains = await steps.count();
    assert.equal(domains, 9);
    for (let d = 0; d < domains; d++) {
      const code = ((await steps.nth(d).locator('.code').textContent()) ?? '').trim();
      await steps.nth(d).click();
      await page.locator('#domain-heading .code', { hasText: new RegExp(`^${code}$`) }).waitFor();
      const n = await items.count();
      for (let i = 0; i < n; i++) {
        const item = items.nth(i);
        if ((await item.locator('input[type=radio]:checked').count()) === 0) await item.locator('input[value="2"]').check();
      }
      await page.locator('.stepper button[aria-current="step"].done').waitFor();
    }
    await page.getByText('Ohodnoceno 45 ze 45').waitFor();
    await page.locator('.save-status').filter({ hasText: /^Uloženo/ }).waitFor();
    await axe(page, 'self-assessment, all rated');

    // A reload keeps everything: it was saved.
    await page.reload();
    await page.getByText('Ohodnoceno 45 ze 45').waitFor();
    assert.equal(await page.locator('.asm-domain textarea').first().inputValue(), 'Vedla jsem případovou konferenci k ohroženému dítěti.');

    await page.getByRole('button', { name: 'Odeslat vedoucímu' }).click();
    await page.getByText('Sebehodnocení je odeslané vedoucímu.').waitFor();
    await page.locator('.badge-submitted').first().waitFor();
    await axe(page, 'self-assessment submitted');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead sees it, proposes another level for one competency and marks it reviewed`, async () => {
    const { context, page, problems } = await as(LEAD);
    await open(page, '/tym/hodnoceni', 'Sebehodnocení týmu');
    await axe(page, 'review list');
    await page.getByRole('link', { name: 'Jana Nováková' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sebehodnocení: Jana Nováková' }).waitFor();
    await page.locator('fieldset.rate-item').first().waitFor();
    await axe(page, 'review');
    shared.assessmentUrl = page.url();

    const first = page.locator('fieldset.rate-item').first();
    shared.changedCode = ((await first.locator('legend .code').textContent()) ?? '').trim();
    await first.locator('input[value="3"]').check();
    await first.locator('textarea').fill('Na poradách vede kolegy; vidím to o stupeň výš.');
    await page.locator('.save-status').filter({ hasText: /^Uloženo/ }).waitFor();

    // Returning without a comment is refused next to the field.
    await page.getByRole('button', { name: 'Vrátit k doplnění' }).click();
    await page.locator('#review-comment-error').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-comment');

    await page.getByLabel('Celkový komentář').fill('Děkuji, probereme na poradě.');
    await page.getByRole('button', { name: 'Označit jako projednané' }).click();
    await page.getByText('Sebehodnocení je projednané').waitFor();
    await page.locator('.ratings-table').first().waitFor();
    await axe(page, 'review done');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker sees the proposal beside her rating, agrees, and her profile shows the agreed level`, async () => {
    const { context, page, problems } = await as(WORKER);
    await open(page, '/moje-hodnoceni', 'Moje sebehodnocení');
    await page.locator('.badge-reviewed').first().waitFor();
    const row = page.locator('.ratings-table tr.differs');
    assert.equal(await row.count(), 1, 'one competency differs');
    assert.match((await row.textContent()) ?? '', /3 – Zkušený/);
    await axe(page, 'reviewed assessment');
    await page.getByRole('button', { name: 'Souhlasím' }).click();
    await page.getByText('Hotovo: úrovně jsou dohodnuté.').waitFor();
    await pdf(page, 'agreed assessment');

    await open(page, '/profil', 'Můj profil');
    await page.locator('.radar-canvas[role="img"]').waitFor();
    await page.getByText(/^Poslední dohodnuté sebehodnocení:/).waitFor();
    // The radar's numbers are a table too, shown on request.
    await page.getByRole('button', { name: 'Zobrazit jako tabulku' }).click();
    assert.ok((await page.locator('.radar-table tbody tr').count()) === 9);
    await page.getByText('Úrovně všech kompetencí').click();
    const changed = page.locator(`.cp-table tr[data-code="${shared.changedCode}"] td`).first();
    assert.equal((await changed.textContent())?.trim(), '3 – Zkušený');
    await axe(page, 'profile with radar');
    // The radar as a picture for a report: a PNG with the title and the legend the page draws beside it.
    const [radar] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Stáhnout PNG: Průměrná dohodnutá a očekávaná úroveň podle oblastí' }).click(),
    ]);
    assert.equal(radar.suggestedFilename(), 'profil-kompetenci.png');
    const chunks = [];
    for await (const c of await radar.createReadStream()) chunks.push(c);
    assert.deepEqual([...Buffer.concat(chunks).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker makes a development plan with a goal and an action and proposes it`, async () => {
    const { context, page, problems } = await as(WORKER);
    await open(page, '/muj-plan', 'Můj plán vzdělávání');
    await axe(page, 'my plans');
    // A year no demo plan covers, so the test does not depend on the demo's plans.
    const year = new Date().getFullYear() + 3;
    await page.getByLabel('Začátek období').fill(`${year}-01-01`);
    await page.getByLabel('Konec období').fill(`${year}-12-31`);
    await page.getByRole('button', { name: 'Vytvořit plán' }).click();
    await page.waitForURL(/\/muj-plan\/[0-9a-f-]{36}$/);
    shared.planUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Plán vzdělávání: Jana Nováková' }).waitFor();
    await page.locator('#f-competency_id option').nth(5).waitFor({ state: 'attached' });
    await axe(page, 'new plan');

    await page.getByLabel('Kompetence').selectOption({ index: 1 });
    await page.getByLabel('Cílová úroveň').selectOption('3');
    await page.getByLabel('Proč tento cíl (nepovinné)').fill('Chci vést případové konference samostatně.');
    await page.getByRole('button', { name: 'Přidat cíl' }).click();
    await page.getByText('Cíl byl přidán.').waitFor();

    await page.getByLabel('Druh').selectOption({ label: 'kurz' });
    // A due day outside the period is refused before asking the server.
    await page.getByLabel('Termín').fill(`${year + 1}-02-01`);
    await page.getByLabel('Název kroku').fill('Kurz vedení případových konferencí');
    await page.getByRole('button', { name: 'Přidat krok' }).click();
    await page.locator('#f-due_on-error').waitFor();
    await page.getByLabel('Termín').fill(`${year}-06-30`);
    await page.getByRole('button', { name: 'Přidat krok' }).click();
    await page.getByText('Krok byl přidán.').waitFor();
    await axe(page, 'plan with a goal and an action');

    await page.getByRole('button', { name: 'Předložit ke schválení' }).click();
    await page.getByText('Plán je předložený vedoucímu ke schválení.').waitFor();
    await page.locator('.badge-proposed').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead's team page: heatmap cells, the plan waiting; approving it`, async () => {
    const { context, page, problems } = await as(LEAD);
    await page.locator('#site-nav').getByRole('link', { name: 'Můj tým', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Můj tým/ }).waitFor();
    await page.locator('table.heatmap tbody tr').first().waitFor();
    await axe(page, 'team heatmap');
    await page.getByLabel('všechny kompetence').check();
    const competencies = await page.locator('table.heatmap thead th.heat-comp').count();
    assert.equal(competencies, 45);
    const rows = page.locator('table.heatmap tbody tr');
    const people = await rows.count();
    assert.ok(people >= 2, `people in the heatmap: ${people}`);
    for (let i = 0; i < people; i++) {
      const cells = await rows.nth(i).locator('td.heat-cell:not(.heat-domain)').count();
      assert.equal(cells, 1 + 45, 'the overall gap and a cell per competency');
    }
    // Every cell says its value in text, not colour only.
    const texts = await page.locator('table.heatmap tbody td.heat-cell').allTextContents();
    assert.ok(texts.every((x) => /^([+−]?\d+([,.]\d)?|–|n\/a)$/.test(x.trim())), texts.slice(0, 10).join('|'));
    await page.getByRole('button', { name: 'Celkem Ø' }).click();
    assert.equal(await page.locator('table.heatmap th[aria-sort="descending"]').count(), 1);
    await axe(page, 'team heatmap, all competencies');

    // Jana's profile from the heatmap.
    await page.locator('table.heatmap tbody').getByRole('link', { name: 'Jana Nováková' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jana Nováková' }).waitFor();
    await page.locator('.radar-canvas').waitFor();
    await axe(page, 'team member profile');

    await open(page, new URL(shared.planUrl).pathname.replace('/muj-plan/', '/tym/plany/'), 'Plán vzdělávání: Jana Nováková');
    await axe(page, 'plan to approve');
    await page.getByRole('button', { name: 'Schválit plán' }).click();
    await page.getByText('Plán je schválený.').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker sees the plan approved, her notifications, and the pages fit a phone`, async () => {
    const { context, page, problems } = await as(WORKER, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(shared.planUrl);
    await page.locator('.badge-approved').filter({ hasText: 'schváleno' }).first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok((await overflow()) <= 0, `plan: overflow ${await overflow()}px`);
    await axe(page, 'approved plan on a phone');
    await pdf(page, 'approved plan');

    // The bell counts what is new; the list words each notice and leads to its page.
    await page.locator('.bell-count').waitFor();
    await page.locator('a.bell').click();
    await page.getByRole('heading', { level: 1, name: 'Oznámení' }).waitFor();
    await page.getByText(/schválil\(a\) váš plán vzdělávání/).first().waitFor();
    await axe(page, 'notifications');
    await page.getByRole('button', { name: 'Označit vše jako přečtené' }).click();
    await page.getByText('Všechna oznámení jsou přečtená.').waitFor();
    await page.waitForFunction(() => !document.querySelector('.bell-count'));

    await open(page, '/moje-hodnoceni', 'Moje sebehodnocení');
    assert.ok((await overflow()) <= 0, `assessment: overflow ${await overflow()}px`);
    await open(page, '/profil', 'Můj profil');
    await page.locator('.radar-canvas').waitFor();
    assert.ok((await overflow()) <= 0, `profile: overflow ${await overflow()}px`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
