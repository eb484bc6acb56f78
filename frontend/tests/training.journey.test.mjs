// The worker's and the lead's training journeys in the browser, on the demo data plus a course and a session the
// provider offers through the API in the setup (so the test does not hang on what the demo happens to hold): the
// worker searches the catalogue (the filters stay in the address, so Back returns to them), opens the session,
// registers, finds it in her training, cancels it behind a confirmation and registers again; she sees a bar per
// requirement and records training done elsewhere with a PDF (a server error keeps what she typed); the lead
// nominates a team member, sees the team's compliance, confirms the worker's training and — once the organisation
// asks for it — approves her registration. She also adds a recommended session to her plan, which registers her.
// axe on every page; the worker's pages fit a 375 px phone. Run: node --test tests/training.journey.test.mjs
// (SQLite), or with ROZVOJ_BROWSER_DATABASE=postgres.
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

const PROVIDER = 'vzdelavatel@demo.rozvoj.cz';
const WORKER = 'pracovnice@demo.rozvoj.cz';
const WORKER_NAME = 'Jana Nováková';
const LEAD = 'vedouci@demo.rozvoj.cz';

browserSuite('training journey', suite);

/** A small but whole PDF (the server checks the content: a PDF must end with its trailer). */
function pdfBytes() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const db = browserDatabase();
  // A word of the title no demo course has, so the search finds exactly this course.
  const word = `Mediace${Date.now().toString(36)}`;
  const title = `${word}: rodinné konference v praxi OSPOD`;
  const externalTitle = `Supervize případu ${Date.now().toString(36)}`;
  const shared = { sessionId: '', startsAt: '', secondSessionId: '', nominee: '' };

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
    // The provider offers an accredited course with a session two weeks from now with two seats: one for the worker,
    // one for the member the lead nominates.
    const token = await login(PROVIDER);
    const today = new Date().toISOString().slice(0, 10);
    const course = await api('POST', '/api/v1/courses', token, {
      title,
      description: 'Jak svolat a vést rodinnou konferenci.',
      form: 'course',
      hours: 8,
      accreditation_number: 'A2025/0999-SP/PP',
      accredited_from: today,
      accredited_until: `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`,
      published: true,
    });
    const start = new Date(Date.now() + 14 * 86_400_000);
    start.setUTCHours(8, 0, 0, 0);
    const session = await api('POST', `/api/v1/courses/${course.id}/sessions`, token, {
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 7 * 3_600_000).toISOString(),
      place: 'Jihlava, Masarykovo náměstí 1',
      capacity: 2,
      price: 1500,
    });
    shared.sessionId = session.id;
    shared.startsAt = session.starts_at;
    // A second session, for the registration the lead approves once the organisation asks for approval.
    const second = await api('POST', `/api/v1/courses/${course.id}/sessions`, token, {
      starts_at: new Date(start.getTime() + 7 * 86_400_000).toISOString(),
      ends_at: new Date(start.getTime() + 7 * 86_400_000 + 7 * 3_600_000).toISOString(),
      online_url: 'https://meet.example.cz/mediace',
      capacity: 5,
    });
    shared.secondSessionId = second.id;
  });

  async function login(email) {
    return (await api('POST', '/api/v1/auth/login', null, { email, password: server.password })).access_token;
  }

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (email, viewport, timezoneId) => signedIn(browser, server, email, { viewport, timezoneId });

  const axe = (page, where) => assertAccessible(page, `${db}: ${where}`);

  const fitsPhone = assertFits;

  test(`${db}: the worker finds the course in the catalogue; the filters stay in the address`, async () => {
    const { context, page, problems } = await as(WORKER, PHONE);
    await page.getByRole('link', { name: 'Katalog vzdělávání' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Katalog vzdělávání' }).waitFor();
    await axe(page, 'catalogue');
    await fitsPhone(page, 'catalogue');

    await page.getByLabel('Hledat').fill(word.toLowerCase());
    await page.getByLabel('jen akreditované MPSV').check();
    await page.waitForURL(/akreditovane=1/);
    await page.getByLabel('Hledat').fill(word.toLowerCase());
    await page.getByRole('button', { name: 'Filtrovat' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === word.toLowerCase() && u.searchParams.get('akreditovane') === '1');
    const results = page.getByRole('list', { name: 'Nalezené kurzy' });
    await results.getByRole('heading', { name: title }).waitFor();
    assert.equal(await results.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) }).count(), 1);
    const card = results.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    await card.getByText('akreditace MPSV A2025/0999-SP/PP').waitFor();
    await card.getByText('2 volná místa').waitFor();
    await axe(page, 'catalogue results');
    await fitsPhone(page, 'catalogue results');

    // A filter nobody matches: nothing found; Back returns to the search that found the course.
    await page.getByLabel('Forma').selectOption('conference');
    await page.waitForURL(/forma=conference/);
    await page.getByText('Nic jsme nenašli.').waitFor();
    await page.goBack();
    await results.getByRole('heading', { name: title }).waitFor();
    assert.equal(await page.getByLabel('Hledat').inputValue(), word.toLowerCase());
    assert.equal(await page.getByLabel('Forma').inputValue(), '');
    assert.ok(await page.getByLabel('jen akreditované MPSV').isChecked());

    await card.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/katalog/terminy/${shared.sessionId}$`));
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker registers, sees it in her training, cancels it behind a question and registers again`, async () => {
    // A browser in New York still shows the session's time in Prague, where it takes place.
    const { context, page, problems } = await as(WORKER, PHONE, 'America/New_York');
    await page.goto(`${server.baseUrl}/katalog/terminy/${shared.sessionId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const prague = (d) => new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(d);
    const starts = new Date(shared.startsAt);
    const hours = `${prague(starts)}–${prague(new Date(starts.getTime() + 7 * 3_600_000))}`;
    assert.ok((await page.locator('.lead-text').innerText()).endsWith(hours), `the session runs ${hours} in Prague`);
    await page.getByText('1 500 Kč').waitFor();
    await page.getByText('2 volná místa').waitFor();
    await axe(page, 'session');
    await fitsPhone(page, 'session');

    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('status').getByText('Přihláška je potvrzená.').waitFor();
    await page.getByText('1 volné místo').waitFor();
    const mine = page.getByRole('region', { name: 'Moje přihláška' });
    await mine.getByText('potvrzeno', { exact: true }).waitFor();

    // On a phone the navigation folds into the menu.
    await page.getByRole('button', { name: 'Nabídka' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Moje vzdělávání' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moje vzdělávání' }).waitFor();
    await axe(page, 'my training');
    await fitsPhone(page, 'my training');
    const upcoming = page.locator('section[aria-labelledby="tr-regs"] ul').first();
    const row = upcoming.getByRole('listitem').filter({ hasText: title });
    await row.getByText('potvrzeno', { exact: true }).waitFor();

    await row.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: 'Zrušit přihlášku' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zrušit přihlášku?' });
    await dialog.waitFor();
    await axe(page, 'cancel question');
    // Taking the question back leaves the registration as it was.
    await dialog.getByRole('button', { name: 'Zpět' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await mine.getByText('potvrzeno', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Zrušit přihlášku' }).click();
    await dialog.getByRole('button', { name: 'Ano, zrušit přihlášku' }).click();
    await page.getByRole('status').getByText('Přihláška je zrušená.').waitFor();
    await page.getByText('2 volná místa').waitFor();

    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('status').getByText('Přihláška je potvrzená.').waitFor();
    await mine.getByText('potvrzeno', { exact: true }).waitFor();

    // In her training: the registration once more confirmed, the cancelled one among the same session's history.
    await page.goto(`${server.baseUrl}/moje-vzdelavani`);
    await page.getByRole('heading', { level: 1, name: 'Moje vzdělávání' }).waitFor();
    const rows = page.locator('section[aria-labelledby="tr-regs"] ul').first().getByRole('listitem').filter({ hasText: title });
    await rows.filter({ hasText: 'potvrzeno' }).first().waitFor();
    assert.deepEqual((await rows.locator('.badge').allTextContents()).sort(), ['potvrzeno', 'zrušeno']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker sees a bar per requirement with its state in words, its source and the records that count`, async () => {
    const { context, page, problems } = await as(WORKER);
    await page.goto(`${server.baseUrl}/moje-vzdelavani`);
    const section = page.locator('section[aria-labelledby="tr-comp"]');
    await section.getByRole('heading', { name: 'Hodiny a povinné vzdělávání' }).waitFor();
    const bars = section.getByRole('progressbar');
    await bars.first().waitFor();
    const n = await bars.count();
    assert.ok(n >= 1, 'at least one requirement applies to the demo worker');
    const rule = section.locator('.tr-rule').filter({ hasText: 'Další vzdělávání sociálního pracovníka' });
    const bar = rule.getByRole('progressbar');
    const now = Number(await bar.getAttribute('aria-valuenow'));
    assert.ok(now >= 0 && now <= 100, `percent ${now}`);
    assert.match((await bar.getAttribute('aria-valuetext')) ?? '', /^\d+([,.]\d+)? hodin[ay]? z 24 hodin$/);
    assert.match(await rule.locator('.badge').innerText(), /^(splněno|průběžně plní|ohroženo|nesplněno)$/);
    await rule.getByText('Právní základ: § 111').waitFor();
    await rule.getByText(/^Týká se: pozice Sociální pracovník\/pracovnice OSPOD/).waitFor();
    await rule.getByText(/^Započten(ý záznam|é záznamy)/).click();
    assert.ok((await rule.locator('details[open] li').count()) >= 1, 'the records that count are listed');
    await axe(page, 'compliance, records open');

    // Another year is another answer, for the same rules.
    const year = new Date().getFullYear() - 1;
    await section.getByLabel('Rok', { exact: true }).selectOption(String(year));
    await section.getByRole('progressbar').first().waitFor();
    await section.getByText(/^Stav ke dni/).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker adds a recommended session to her plan and is registered for it`, async () => {
    const { context, page, problems } = await as(WORKER);
    await page.goto(`${server.baseUrl}/moje-vzdelavani`);
    const section = page.getByRole('region', { name: 'Doporučené termíny' });
    const items = section.getByRole('listitem');
    await items.first().waitFor();
    await axe(page, 'recommended sessions');
    const course = (await items.first().getByRole('link').innerText()).trim();
    assert.match(await items.first().innerText(), /Rozvíjí /, 'each says what it develops');
    await items.first().getByRole('button', { name: /^Přidat do plánu a přihlásit se/ }).click();
    await section.getByRole('status').getByText(`${course} je v plánu vzdělávání.`).waitFor();
    // Accepted: no longer recommended, and among her upcoming registrations.
    await section.getByRole('link', { name: course }).waitFor({ state: 'detached' });
    const upcoming = page.locator('section[aria-labelledby="tr-regs"] ul').first();
    await upcoming.getByRole('listitem').filter({ hasText: course }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker records training done elsewhere with a PDF; a server error keeps what she typed`, async () => {
    const { context, page, problems } = await as(WORKER, PHONE);
    await page.goto(`${server.baseUrl}/moje-vzdelavani`);
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Zapsat vzdělávání mimo katalog' }) });
    await form.waitFor();
    await form.getByLabel('Název').fill(externalTitle);
    await form.getByLabel('Vzdělavatel').fill('Národní institut pro sociální práci');
    await form.getByLabel('Forma').selectOption('course');
    // A day in the future: the server refuses it, naming the date.
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Datum (první den)').fill(future);
    await form.getByLabel('Rozsah').fill('6');
    await form.getByLabel('Akreditace MPSV').fill('2010/743-SP');
    await form.getByLabel('Osvědčení').setInputFiles({ name: 'osvedceni.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await form.getByRole('button', { name: 'Zapsat a poslat vedoucímu' }).click();
    await form.locator('#f-date-error').waitFor();
    assert.equal(await form.getByLabel('Datum (první den)').getAttribute('aria-invalid'), 'true');
    await form.getByRole('alert').waitFor();
    assert.equal(await form.getByLabel('Název').inputValue(), externalTitle);
    assert.equal(await form.getByLabel('Rozsah').inputValue(), '6');
    assert.equal(await form.getByLabel('Osvědčení').evaluate((el) => /** @type {HTMLInputElement} */ (el).files?.[0]?.name), 'osvedceni.pdf');
    await axe(page, 'external training form with errors');
    await fitsPhone(page, 'external training form');

    const past = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Datum (první den)').fill(past);
    await form.getByRole('button', { name: 'Zapsat a poslat vedoucímu' }).click();
    await page.getByRole('status').getByText(`Vzdělávání ${externalTitle} je zapsané`).waitFor();
    const row = page.locator('section[aria-labelledby="tr-ext"] .tr-list li').filter({ hasText: externalTitle });
    await row.getByText('čeká na potvrzení').waitFor();
    assert.equal(await form.getByLabel('Název').inputValue(), '', 'the form is empty for the next one');

    // Her certificate downloads as the PDF she uploaded.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Osvědčení/ }).click()]);
    assert.equal(download.suggestedFilename(), 'osvedceni.pdf');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead nominates a member of the team to the session`, async () => {
    const { context, page, problems } = await as(LEAD);
    await page.goto(`${server.baseUrl}/katalog/terminy/${shared.sessionId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const section = page.locator('section[aria-labelledby="ses-nominate"]');
    await section.getByRole('heading', { name: 'Nominovat člena týmu' }).waitFor();
    // The worker registered herself already: she is listed with her state.
    await section.getByRole('listitem').filter({ hasText: WORKER_NAME }).getByText('potvrzeno').waitFor();
    await axe(page, 'session as lead');

    // Without a choice the form says what is missing.
    await section.getByRole('button', { name: 'Nominovat' }).click();
    await section.locator('#nominee-error').waitFor();

    // Who is registered already is not offered.
    const options = (await section.getByLabel('Člen týmu').locator('option').allTextContents()).filter((o) => o !== 'Vyberte člena týmu');
    assert.ok(!options.includes(WORKER_NAME), 'the registered worker is not offered');
    assert.ok(options.length >= 1, 'the lead has another member to nominate');
    shared.nominee = options[0];
    await section.getByLabel('Člen týmu').selectOption({ label: shared.nominee });
    await section.getByRole('button', { name: 'Nominovat' }).click();
    await page.getByRole('status').getByText(`${shared.nominee} je přihlášen(a). Přihláška je potvrzená.`).waitFor();
    await section.getByRole('listitem').filter({ hasText: shared.nominee }).getByText('potvrzeno').waitFor();
    // The last seat went to the nominee: the session is now full.
    await page.getByText('obsazeno, další jdou do pořadníku').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead sees the team's compliance, sorts it, confirms the worker's training and approves her registration`, async () => {
    // The organisation now asks leads to approve registrations: the worker's next one waits for her lead.
    const workerToken = await login(WORKER);
    const me = await api('GET', '/api/v1/me', workerToken);
    await api('PUT', `/api/v1/organizations/${me.organization.id}/training-settings`, await login('admin@demo.rozvoj.cz'), {
      registration_approval: true,
    });
    const pendingReg = await api('POST', `/api/v1/sessions/${shared.secondSessionId}/registrations`, workerToken, {});
    assert.equal(pendingReg.status, 'pending');

    const { context, page, problems } = await as(LEAD);
    await page.getByRole('link', { name: 'Můj tým' }).first().click();
    await page.getByRole('link', { name: 'Plnění povinného vzdělávání týmu' }).click();
    await page.getByRole('heading', { level: 1, name: /^Plnění povinného vzdělávání/ }).waitFor();
    const table = page.getByRole('table', { name: 'Lidé týmu a jejich plnění jednotlivých požadavků' });
    await table.waitFor();
    await axe(page, 'team compliance');
    // The table downloads for Excel: CSV with a BOM and semicolons, a row per member and rule.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Stáhnout CSV', exact: true }).click()]);
    assert.match(file.suggestedFilename(), /\.csv$/);
    const chunks = [];
    for await (const c of await file.createReadStream()) chunks.push(c);
    const csv = Buffer.concat(chunks).toString('utf8');
    assert.ok(csv.startsWith('\uFEFFPracovník;Požadavek;Stav;'), csv.slice(0, 80));
    assert.ok(csv.includes(`${WORKER_NAME};`), 'the worker has rows in the file');
    const worker = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: WORKER_NAME }) });
    await worker.waitFor();
    assert.match(await worker.innerText(), /hodin[ay]? z 24 hodin/);

    // Sorted by the overall state the worst come first; by name, in Czech order.
    const order = { nesplněno: 0, ohroženo: 1, 'průběžně plní': 2, splněno: 3 };
    const overall = async () => (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
    const states = (await overall()).map((s) => order[s] ?? 4);
    assert.deepEqual(states, [...states].sort((a, b) => a - b), 'worst first');
    assert.equal(await table.getByRole('columnheader', { name: 'Celkově' }).getAttribute('aria-sort'), 'ascending');
    await table.getByRole('button', { name: 'Pracovník' }).click();
    await table.locator('thead th').first().and(page.locator('[aria-sort="ascending"]')).waitFor();
    const names = (await table.locator('tbody th').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'cs')));

    const pending = page.locator('section[aria-labelledby="tr-team-pending"]');
    const item = pending.getByRole('listitem').filter({ hasText: externalTitle });
    await item.getByText(WORKER_NAME).waitFor();
    // Rejecting needs a reason.
    await item.getByRole('button', { name: /^Zamítnout/ }).click();
    await item.getByText('Napište, proč vzdělávání zamítáte.').waitFor();
    await axe(page, 'team compliance, reason missing');
    await item.getByRole('button', { name: /^Potvrdit/ }).click();
    await pending.getByRole('status').getByText(`Vzdělávání ${externalTitle} je potvrzené`).waitFor();
    assert.equal(await pending.getByRole('listitem').filter({ hasText: externalTitle }).count(), 0);

    const reg = pending.getByRole('listitem').filter({ hasText: WORKER_NAME }).filter({ hasText: title });
    await reg.getByRole('button', { name: /^Potvrdit/ }).click();
    await pending.getByRole('status').getByText(`Přihláška: ${WORKER_NAME}, ${title} – potvrzeno.`).waitFor();

    // The member's own page shows her hours against each rule too.
    await worker.getByRole('link', { name: WORKER_NAME }).click();
    await page.getByRole('heading', { level: 1, name: WORKER_NAME }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Hodiny a povinné vzdělávání' }).waitFor();
    await axe(page, 'team member with her compliance');
    assert.deepEqual(problems, []);
    await context.close();

    // The worker sees it confirmed.
    const w = await as(WORKER);
    await w.page.goto(`${server.baseUrl}/moje-vzdelavani`);
    await w.page.locator('section[aria-labelledby="tr-ext"] .tr-list li').filter({ hasText: externalTitle }).getByText('potvrzeno').waitFor();
    const regs = w.page.locator('section[aria-labelledby="tr-regs"] ul').first().getByRole('listitem').filter({ hasText: title });
    assert.deepEqual((await regs.locator('.badge').allTextContents()).sort(), ['potvrzeno', 'potvrzeno', 'zrušeno']);
    assert.deepEqual(w.problems, []);
    await w.context.close();
  });
}
