// The training provider's journey in the browser, on the demo data: the provider creates an accredited course and a
// session of it, two workers register (through the API), the session is moved to the past so it has been held,
// attendance is ticked on a 375 px phone (a save the network drops is kept and sent again) and uploaded from a CSV
// file (previewed row by row, saved only without problems), the session is closed, a correction needs its reason,
// certificates are issued, and the certificate and the attendance sheet download as PDFs. axe on every page. Run: node --test tests/provider.journey.test.mjs (SQLite), or with
// ROZVOJ_BROWSER_DATABASE=postgres.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertAccessible,
  assertFits,
  browserDatabase,
  browserSuite,
  launchBrowser,
  PHONE,
  signIn,
  startServer,
} from './harness.mjs';

const PROVIDER = 'vzdelavatel@demo.rozvoj.cz';
const WORKER = 'pracovnice@demo.rozvoj.cz';
const LEAD = 'vedouci@demo.rozvoj.cz';

browserSuite('provider journey', suite);

/** A day `days` from today as YYYY-MM-DD (a Prague wall-clock day for the form: only its distance matters). */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  const problems = [];
  const db = browserDatabase();
  const title = `Práce s rodinou v krizi ${Date.now()}`;
  const shared = { sessionId: '' };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: PHONE, locale: 'cs-CZ', timezoneId: 'America/New_York' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.setDefaultTimeout(15_000);
    await signIn(page, server, PROVIDER);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function api(email, method, path, body, headers = {}) {
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: server.password }),
    });
    assert.equal(login.status, 200, `login ${email}`);
    const { access_token: token } = await login.json();
    const r = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return r;
  }

  async function ready(heading) {
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading'));
  }

  async function check(where) {
    await assertAccessible(page, `${db}: ${where}`);
    await assertFits(page, where);
    assert.deepEqual(problems, [], `${where}: no console errors`);
  }

  /** A file the page downloads: its name and bytes. */
  async function download(button) {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const chunks = [];
    for await (const c of await file.createReadStream()) chunks.push(c);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** The attendance the server holds, by person. */
  async function attendance() {
    const r = await api(PROVIDER, 'GET', `/api/v1/sessions/${shared.sessionId}/attendance`);
    assert.equal(r.status, 200);
    const body = await r.json();
    return Object.fromEntries(body.items.map((i) => [i.person_name, i.minutes ? `${i.status} ${i.minutes}` : i.status]));
  }

  const person = (name) => page.locator('.pv-person', { hasText: name });
  /** Waits until a person's big button says this mark. */
  const marked = (name, mark) => person(name).locator('.pv-state', { hasText: new RegExp(`^${mark.replace(/[()]/g, '\\$&')}`) }).waitFor();

  test(`${db}: the provider creates an accredited, published course`, async () => {
    await page.goto(`${server.baseUrl}/moje-kurzy`);
    await ready('Moje kurzy');
    await check('my courses');
    await page.getByRole('link', { name: 'Nový kurz' }).click();
    await ready('Nový kurz');
    await check('new course');

    await page.getByLabel('Název').fill(title);
    await page.getByLabel('Hodiny výuky').fill('8');
    await page.getByLabel('Číslo akreditace').fill('743/2010');
    await page.getByRole('button', { name: 'Vytvořit kurz' }).click();
    // A misshapen number is named next to its field, and what was typed stays.
    await page.locator('#f-accreditation_number-error').filter({ hasText: '2010/743-SP' }).waitFor();
    assert.equal(await page.getByLabel('Název').inputValue(), title);

    await page.getByLabel('Číslo akreditace').fill('A2024/0123-SP/PC/PP');
    await page.getByLabel('Platná od').fill('2024-01-01');
    await page.getByLabel('Platná do').fill(day(3650));
    await page.getByRole('button', { name: 'Přidat kompetenci' }).click();
    const competency = page.getByLabel('Kompetence 1');
    const first = await competency.locator('option:not([disabled])').nth(0).getAttribute('value');
    await competency.selectOption(first ?? '');
    await page.getByLabel('Cílová úroveň').selectOption('3');
    await page.locator('.checklist input[type=checkbox]').first().check();
    await page.getByLabel('Zveřejnit v katalogu').check();
    await page.getByRole('button', { name: 'Vytvořit kurz' }).click();

    await ready(title);
    await page.getByRole('status').filter({ hasText: 'Kurz byl vytvořen' }).waitFor();
    await page.getByText('A2024/0123-SP/PC/PP').first().waitFor();
    await page.getByText('zveřejněný').first().waitFor();
    await check('course');
  });

  test(`${db}: a change saved meanwhile elsewhere (409) keeps what was typed and takes the other change`, async () => {
    const courseId = new URL(page.url()).pathname.split('/').pop();
    await page.getByLabel('Popis').fill('Pro sociální pracovníky OSPOD, kteří vedou případy rodin v krizi.');
    // The same course is changed in another tab meanwhile: 10 hours instead of 8.
    const read = await api(PROVIDER, 'GET', `/api/v1/courses/${courseId}`);
    const etag = read.headers.get('etag') ?? '';
    const changed = await api(PROVIDER, 'PATCH', `/api/v1/courses/${courseId}`, { hours: 10 }, { 'If-Match': etag });
    assert.equal(changed.status, 200, await changed.text());

    await page.getByRole('button', { name: 'Uložit' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mezitím záznam změnil někdo jiný' }).waitFor();
    assert.equal(await page.getByLabel('Popis').inputValue(), 'Pro sociální pracovníky OSPOD, kteří vedou případy rodin v krizi.');
    assert.equal(await page.getByLabel('Hodiny výuky').inputValue(), '10');
    await page.getByRole('button', { name: 'Uložit' }).click();
    await page.getByRole('status').filter({ hasText: 'Změny jsou uložené' }).waitFor();
    const saved = await (await api(PROVIDER, 'GET', `/api/v1/courses/${courseId}`)).json();
    assert.equal(saved.hours, 10);
    assert.match(saved.description, /^Pro sociální pracovníky OSPOD/);
  });

  test(`${db}: the provider adds a session; a server field error keeps the form`, async () => {
    await page.getByRole('link', { name: 'Nový termín' }).click();
    await ready('Nový termín');
    await check('new session');
    await page.getByLabel('Začátek').fill(`${day(5)}T09:00`);
    await page.getByLabel('Konec').fill(`${day(5)}T16:00`);
    await page.getByLabel('Počet míst').fill('10');
    await page.getByLabel('Cena').fill('1200');
    await page.getByLabel('Místo konání').fill('Jihlava, Masarykovo náměstí 1');
    await page.getByLabel('Odkaz na online připojení').fill('není odkaz');
    await page.getByRole('button', { name: 'Vytvořit termín' }).click();
    // The API refuses the link (not a URL): said next to the field, nothing typed is lost.
    await page.locator('#f-online_url-error').waitFor();
    assert.equal(await page.getByLabel('Začátek').inputValue(), `${day(5)}T09:00`);
    assert.equal(await page.getByLabel('Místo konání').inputValue(), 'Jihlava, Masarykovo náměstí 1');

    await page.getByLabel('Odkaz na online připojení').fill('');
    await page.getByRole('button', { name: 'Vytvořit termín' }).click();
    await ready(title);
    await page.getByRole('status').filter({ hasText: 'Termín je uložený' }).waitFor();
    shared.sessionId = new URL(page.url()).pathname.split('/').pop() ?? '';
    // Entered as Prague time, shown as Prague time, whatever the browser's zone (New York here).
    await page.locator('.pv-when').filter({ hasText: /9:00.16:00/ }).waitFor();
    const stored = await (await api(PROVIDER, 'GET', `/api/v1/sessions/${shared.sessionId}`)).json();
    const hour = Number(stored.starts_at.slice(11, 13));
    assert.ok(hour === 7 || hour === 8, `09:00 in Prague is 07:00 or 08:00 UTC, got ${stored.starts_at}`);
    await check('session before it starts');
  });

  test(`${db}: two workers register; the session moves to the past, so it has been held`, async () => {
    for (const who of [WORKER, LEAD]) {
      const r = await api(who, 'POST', `/api/v1/sessions/${shared.sessionId}/registrations`, {});
      assert.equal(r.status, 201, `${who} registers: ${await r.text()}`);
    }
    await page.getByRole('link', { name: 'Upravit termín' }).click();
    await ready('Upravit termín');
    await check('edit session');
    await page.getByLabel('Začátek').fill(`${day(-2)}T09:00`);
    await page.getByLabel('Konec').fill(`${day(-2)}T16:00`);
    await page.getByLabel('Uzávěrka přihlášek').fill(`${day(-3)}T12:00`);
    await page.getByRole('button', { name: 'Uložit' }).click();
    await ready(title);
    await person('Jana Nováková').waitFor();
    await person('Petra Svobodová').waitFor();
    await page.getByRole('heading', { name: 'Potvrzení (2)' }).waitFor();
  });

  test(`${db}: attendance is ticked on a phone; a dropped save is kept and sent again`, async () => {
    await person('Jana Nováková').locator('.pv-tap').click();
    await marked('Jana Nováková', 'přítomen(a)');
    await page.locator('.save-status').filter({ hasText: /^Uloženo v/ }).waitFor();
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': null });

    // Petra came late: partly, 120 minutes.
    await person('Petra Svobodová').locator('summary').click();
    await person('Petra Svobodová').getByLabel('částečně').check();
    await person('Petra Svobodová').getByLabel(/Přítomen\(a\) minut/).fill('120');
    await page.locator('.save-status').filter({ hasText: /^Uloženo v/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.pv-pending'));
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': 'partial 120' });

    // The network drops the next save: the tick stays on the page, and "Zkusit znovu" sends it.
    await page.route('**/attendance', (r) => (r.request().method() === 'PUT' ? r.abort() : r.continue()));
    await person('Jana Nováková').locator('.pv-tap').click();
    await page.locator('.save-status').filter({ hasText: 'Uložení se nepovedlo' }).waitFor();
    await marked('Jana Nováková', 'nepřítomen(a) · neuloženo');
    await page.unroute('**/attendance');
    await page.getByRole('button', { name: 'Zkusit znovu' }).click();
    await page.locator('.save-status').filter({ hasText: /^Uloženo v/ }).waitFor();
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'absent', 'Petra Svobodová': 'partial 120' });

    await page.getByRole('button', { name: 'Všichni přítomni' }).click();
    await page.locator('.save-status').filter({ hasText: /^Uloženo v/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.pv-pending'));
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': 'present' });
    await check('attendance');
  });

  test(`${db}: attendance from a CSV file is previewed row by row and saved only without problems`, async () => {
    await page.getByText('Nahrát docházku ze souboru (CSV)').click();
    const file = page.getByLabel('Soubor CSV');
    const csv = (rows) => ({ name: 'dochazka.csv', mimeType: 'text/csv', buffer: Buffer.from(['e-mail;jméno;stav;minuty', ...rows].join('\r\n')) });
    await file.setInputFiles(
      csv(['pracovnice@demo.rozvoj.cz;;přítomna;', ';Nikdo Neznámý;přítomen;', 'vedouci@demo.rozvoj.cz;;částečně;9999']),
    );
    const table = page.locator('table.pv-preview');
    await table.waitFor();
    await page.getByText('V souboru jsou chyby na 2 řádcích').waitFor();
    await table.locator('tr', { hasText: 'Nikdo Neznámý' }).getByText('mezi přihlášenými nikdo takový není').waitFor();
    await table.locator('tr', { hasText: 'Petra Svobodová' }).getByText('mimo rozsah délky termínu').waitFor();
    assert.equal(await table.locator('tbody tr').count(), 3);
    assert.ok(await page.getByRole('button', { name: 'Uložit docházku ze souboru' }).isDisabled(), 'a file with problems is not saved');
    await check('attendance file preview');

    await file.setInputFiles(csv(['pracovnice@demo.rozvoj.cz;;přítomna;', 'vedouci@demo.rozvoj.cz;;omluvena;']));
    await page.getByText('Soubor je v pořádku: 2 řádky').waitFor();
    await page.getByRole('button', { name: 'Uložit docházku ze souboru' }).click();
    await page.getByText('Docházka ze souboru dochazka.csv je uložená (2 osoby)').waitFor();
    await marked('Petra Svobodová', 'omluven(a)');
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': 'excused' });

    await page.getByRole('button', { name: 'Všichni přítomni' }).click();
    await page.locator('.save-status').filter({ hasText: /^Uloženo v/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.pv-pending'));
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': 'present' });
  });

  test(`${db}: closing makes the attendance final; a correction needs its reason`, async () => {
    await page.getByRole('button', { name: 'Uzavřít termín' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uzavřít termín' }).click();
    await page.getByRole('status').filter({ hasText: 'Termín je uzavřený' }).waitFor();
    await page.getByText('Změna docházky je oprava').waitFor();

    await person('Petra Svobodová').locator('.pv-tap').click();
    await page.getByRole('heading', { name: 'Oprava docházky: 1 změna' }).waitFor();
    await page.getByRole('button', { name: 'Uložit opravu' }).click();
    await page.locator('#f-amendment-reason-error').waitFor();
    assert.equal((await attendance())['Petra Svobodová'], 'present', 'nothing is saved without a reason');
    await page.getByLabel('Důvod opravy').fill('Odešla po první přestávce, potvrzeno lektorkou.');
    await page.getByRole('button', { name: 'Uložit opravu' }).click();
    await page.getByRole('status').filter({ hasText: 'Oprava docházky je uložená' }).waitFor();
    assert.deepEqual(await attendance(), { 'Jana Nováková': 'present', 'Petra Svobodová': 'absent' });
    await check('closed session');
  });

  test(`${db}: certificates are issued to those present; the certificate and the attendance sheet are PDFs`, async () => {
    await page.getByRole('button', { name: 'Vydat osvědčení' }).click();
    await page.getByRole('status').filter({ hasText: 'Vydáno 1 osvědčení' }).waitFor();
    const cert = page.locator('.pv-certs li', { hasText: 'Jana Nováková' });
    await cert.waitFor();
    assert.equal(await page.locator('.pv-certs li').count(), 1, 'only the present get one');

    const file = await download(cert.getByRole('button', { name: /Osvědčení \(PDF\)/ }));
    assert.match(file.name, /^osvedceni-RZV-\d{4}-\d+\.pdf$/);
    assert.equal(file.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(file.bytes.length > 1000, `a certificate of ${file.bytes.length} bytes`);

    const sheet = await download(page.getByRole('button', { name: 'Prezenční listina (PDF)' }));
    assert.match(sheet.name, /^prezencni-listina-.*\.pdf$/);
    assert.equal(sheet.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(sheet.bytes.length > 1000, `an attendance sheet of ${sheet.bytes.length} bytes`);

    // What the page fetched is served as a PDF.
    const list = await (await api(PROVIDER, 'GET', `/api/v1/certificates?session_id=${shared.sessionId}`)).json();
    for (const path of [`/api/v1/certificates/${list.items[0].id}/pdf`, `/api/v1/sessions/${shared.sessionId}/attendance-sheet`]) {
      const r = await api(PROVIDER, 'GET', path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-type'), 'application/pdf', path);
      assert.ok((await r.arrayBuffer()).byteLength > 1000, path);
    }

    // Issuing again issues nothing new.
    await page.getByRole('button', { name: 'Vydat osvědčení' }).click();
    await page.getByRole('status').filter({ hasText: 'Nebylo vydáno žádné nové osvědčení' }).waitFor();
    await check('certificates');
  });
}
