// Browser tests: the built rozvoj binary with demo data, driven through Debian's Chromium.
// Run: npm run test:browser (needs ../bin/rozvoj or ROZVOJ_BIN, and /usr/bin/chromium).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  describeViolations,
  launchBrowser,
  missingPrerequisite,
  randomIco,
  seriousViolations,
  startServer,
} from './harness.mjs';

const NAV = {
  assessment: 'Moje sebehodnocení',
  plan: 'Můj plán rozvoje',
  catalogue: 'Katalog vzdělávání',
  team: 'Můj tým',
  courses: 'Moje kurzy',
  supervision: 'Supervize',
  framework: 'Kompetenční model',
  indicators: 'Ukazatele kraje',
  orgs: 'Organizace',
  teams: 'Týmy',
  users: 'Uživatelé',
};
const ALL = Object.keys(NAV);

/** Demo logins and the navigation each must (and must not) see. */
const ROLES = [
  { role: 'worker', email: 'pracovnice@demo.rozvoj.cz', sees: ['assessment', 'plan', 'catalogue', 'supervision'] },
  { role: 'lead', email: 'vedouci@demo.rozvoj.cz', sees: ['assessment', 'plan', 'catalogue', 'supervision', 'team'] },
  { role: 'provider', email: 'vzdelavatel@demo.rozvoj.cz', sees: ['courses', 'catalogue'] },
  { role: 'supervisor', email: 'supervizor@demo.rozvoj.cz', sees: ['supervision', 'catalogue'] },
  { role: 'methodologist', email: 'metodik@demo.rozvoj.cz', sees: ['framework', 'indicators', 'catalogue'] },
  { role: 'admin', email: 'admin@demo.rozvoj.cz', sees: ['orgs', 'teams', 'users', 'catalogue'] },
];

const missing = missingPrerequisite();
if (missing && process.env.CI === 'true') {
  test('browser test prerequisites', () => assert.fail(`CI=true but ${missing}`));
} else if (missing) {
  test('browser tests', { skip: `skipped: ${missing}` }, () => {});
} else {
  suite();
}

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

  /** A fresh context and page that records console errors and CSP violations. */
  async function newPage(opts = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ', ...opts });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => {
      // Refused requests (4xx) are part of the scenarios; anything else in the console is a bug.
      if (m.type() === 'error' && !/Failed to load resource: .*status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.setDefaultTimeout(10_000);
    return { context, page, problems };
  }

  async function signIn(page, email) {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/prihlaseni/);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Heslo').fill(server.password);
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { level: 1, name: /^Dobrý den/ }).waitFor();
  }

  async function axe(page, where) {
    const v = await seriousViolations(page);
    assert.deepEqual(v, [], describeViolations(where, v));
  }

  async function navLabels(page) {
    return (await page.locator('#site-nav a').allTextContents()).map((s) => s.trim());
  }

  test('sign-in page: accessible, wrong password keeps the e-mail and says why', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/profil`);
    await page.waitForURL(/\/prihlaseni\?zpet=%2Fprofil/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cs');
    await axe(page, 'sign-in');
    await page.getByLabel('E-mail').fill('pracovnice@demo.rozvoj.cz');
    await page.getByLabel('Heslo').fill('not-the-password');
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail nebo heslo nesouhlasí' }).waitFor();
    assert.equal(await page.getByLabel('E-mail').inputValue(), 'pracovnice@demo.rozvoj.cz');
    await axe(page, 'sign-in with error');
    // The right password now goes back where the person wanted to go.
    await page.getByLabel('Heslo').fill(server.password);
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { level: 1, name: 'Můj profil' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const r of ROLES) {
    test(`${r.role}: navigation by capabilities, every page passes axe`, async () => {
      const { context, page, problems } = await newPage();
      await signIn(page, r.email);
      await axe(page, `${r.role} home`);

      const labels = await navLabels(page);
      for (const key of ALL) {
        const shown = labels.includes(NAV[key]);
        assert.equal(shown, r.sees.includes(key), `${r.role}: "${NAV[key]}" ${shown ? 'shown' : 'missing'}; nav: ${labels}`);
      }
      assert.ok(labels.includes('Přehled') && labels.includes('Můj profil'), `${r.role}: ${labels}`);

      for (const label of labels) {
        await page.locator('#site-nav').getByRole('link', { name: label, exact: true }).click();
        const h1 = page.getByRole('heading', { level: 1 });
        await h1.waitFor();
        await page.waitForFunction(() => !document.querySelector('.loading'));
        const current = await page.locator('#site-nav a[aria-current="page"]').textContent();
        assert.equal(current?.trim(), label, `${r.role}: aria-current on ${label}`);
        await axe(page, `${r.role} ${label}`);
      }

      // Profile shows the person and their roles in Czech words.
      await page.goto(`${server.baseUrl}/profil`);
      await page.getByRole('heading', { level: 2, name: 'Role a jejich rozsah' }).waitFor();
      const roleText = await page.locator('.role-list').textContent();
      const czech = {
        worker: 'sociální pracovník',
        lead: 'vedoucí týmu',
        provider: 'vzdělavatel',
        supervisor: 'supervizor',
        methodologist: 'metodik',
        admin: 'správce',
      };
      assert.match(roleText ?? '', new RegExp(czech[r.role]));
      if (r.role === 'methodologist') assert.match(roleText ?? '', /Kraj Vysočina/);

      // A page outside the role's capabilities is refused politely.
      if (r.role !== 'admin') {
        await page.goto(`${server.baseUrl}/sprava/uzivatele`);
        await page.getByRole('heading', { level: 1, name: 'Sem nemáte přístup' }).waitFor();
      }

      await page.getByRole('button', { name: 'Odhlásit se' }).click();
      await page.waitForURL(/\/prihlaseni$/);
      // After sign-out, a reload does not bring the session back.
      await page.goto(`${server.baseUrl}/profil`);
      await page.waitForURL(/\/prihlaseni/);
      assert.deepEqual(problems, [], `${r.role}: console errors`);
      await context.close();
    });
  }

  test('admin: organisation with a wrong IČO shows the field error, a valid one is created and edited', async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'admin@demo.rozvoj.cz');
    await page.locator('#site-nav').getByRole('link', { name: 'Organizace', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizace' }).waitFor();
    await page.locator('tbody tr').first().waitFor();

    // Filters: kind and text search.
    await page.getByLabel('Druh').selectOption('municipality');
    await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.includes('Načítám'));
    const kinds = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(kinds.length > 0 && kinds.every((k) => k.includes('obecní úřad')), `kinds: ${kinds}`);
    await page.getByLabel('Druh').selectOption('');

    await page.getByRole('link', { name: 'Nová organizace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nová organizace' }).waitFor();
    await axe(page, 'new organisation');
    const name = `Testovací úřad ${Date.now()}`;
    await page.getByLabel('Druh').selectOption('municipality');
    await page.getByLabel('Název').fill(name);
    await page.getByLabel('IČO').fill('12345678');
    await page.getByLabel('Kraj').selectOption('CZ063');
    await page.getByRole('button', { name: 'Vytvořit' }).click();
    const icoError = page.locator('#f-ico-error');
    await icoError.waitFor();
    assert.match((await icoError.textContent()) ?? '', /IČO není platné/, 'the IČO error is worded in Czech');
    assert.equal(await page.getByLabel('IČO').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Název').inputValue(), name, 'the name is kept');
    await page.getByRole('alert').waitFor();
    await axe(page, 'organisation form with errors');

    await page.getByLabel('IČO').fill(randomIco());
    await page.getByRole('button', { name: 'Vytvořit' }).click();
    await page.waitForURL(/\/sprava\/organizace\/[0-9a-f-]{36}/);
    await page.getByText('Záznam byl vytvořen.').waitFor();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await axe(page, 'organisation edit');

    await page.getByLabel('Název').fill(`${name} (upraveno)`);
    await page.getByRole('button', { name: 'Uložit' }).click();
    await page.getByText('Změny jsou uložené.').waitFor();
    await page.getByRole('button', { name: 'Deaktivovat' }).click();
    await page.getByText('Záznam byl deaktivován.').waitFor();
    await page.getByRole('button', { name: 'Aktivovat' }).click();
    await page.getByText('Záznam je znovu aktivní.').waitFor();

    // Someone else changes the record meanwhile: the save is refused with a reload option.
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await other.getByLabel('Název').fill(`${name} (jinde)`);
    await other.getByRole('button', { name: 'Uložit' }).click();
    await other.getByText('Změny jsou uložené.').waitFor();
    await other.close();
    await page.getByLabel('Název').fill(`${name} (tady)`);
    await page.getByRole('button', { name: 'Uložit' }).click();
    await page.getByRole('alert').filter({ hasText: 'Někdo záznam mezitím změnil' }).waitFor();
    assert.equal(await page.getByLabel('Název').inputValue(), `${name} (tady)`, 'input kept on conflict');
    await axe(page, 'organisation conflict');
    await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
    await page.waitForFunction((n) => document.querySelector('h1')?.textContent === n, `${name} (jinde)`);
    assert.equal(await page.getByLabel('Název').inputValue(), `${name} (jinde)`);

    // Search finds it.
    await page.goto(`${server.baseUrl}/sprava/organizace`);
    await page.getByLabel('Hledat').fill('jinde');
    await page.getByRole('button', { name: 'Filtrovat' }).click();
    await page.getByRole('link', { name: `${name} (jinde)` }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('admin: teams and users', async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'admin@demo.rozvoj.cz');

    await page.locator('#site-nav').getByRole('link', { name: 'Týmy', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Týmy' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await axe(page, 'teams list');
    await page.locator('tbody tr a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Členové' }).waitFor();
    await axe(page, 'team edit');
    const boxes = page.locator('form.card').first().locator('input[type=checkbox]');
    assert.ok((await boxes.count()) > 0, 'the team edit lists people of the organisation');
    await page.getByRole('button', { name: 'Uložit členy' }).click();
    await page.getByText('Členové týmu jsou uložení.').waitFor();

    await page.locator('#site-nav').getByRole('link', { name: 'Uživatelé', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Uživatelé' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await axe(page, 'users list');
    await page.getByLabel('Role').selectOption('methodologist');
    await page.getByRole('link', { name: /./ }).filter({ hasText: /\S/ }).first().waitFor();
    await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.includes('Načítám'));
    const roles = await page.locator('tbody tr td:nth-child(4)').allTextContents();
    assert.ok(roles.length > 0 && roles.every((x) => x.includes('metodik')), `roles: ${roles}`);

    await page.getByRole('link', { name: 'Nový uživatel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nový uživatel' }).waitFor();
    const stamp = Date.now();
    await page.getByLabel('Jméno a příjmení').fill(`Test Testová ${stamp}`);
    await page.getByLabel('E-mail').fill(`test${stamp}@example.cz`);
    const orgSelect = page.locator('#f-organization_id');
    await orgSelect.locator('option:not([disabled])').first().waitFor({ state: 'attached' });
    const firstOrg = await orgSelect.locator('option:not([disabled])').first().getAttribute('value');
    await orgSelect.selectOption(firstOrg ?? '');
    await page.getByLabel('Druh poměru').selectOption('official');
    await page.getByLabel('Úvazek').fill('0,5');
    await page.getByRole('button', { name: 'Přidat roli' }).click();
    await page.locator('#f-roles-0-role').selectOption('methodologist');
    // The scope control follows the role: a methodologist needs a region, left empty on purpose.
    await page.locator('#f-roles-0-region_code').waitFor();
    await page.getByRole('button', { name: 'Vytvořit' }).click();
    await page.locator('#f-roles-0-region_code-error').waitFor();
    await axe(page, 'new user with errors');
    await page.locator('#f-roles-0-region_code').selectOption('CZ063');
    await page.getByRole('button', { name: 'Vytvořit' }).click();
    await page.waitForURL(/\/sprava\/uzivatele\/[0-9a-f-]{36}/);
    await page.getByText('Záznam byl vytvořen.').waitFor();
    assert.equal(await page.locator('#f-roles-0-region_code').inputValue(), 'CZ063');
    await axe(page, 'user edit');
    // Editing keeps what was not touched.
    await page.getByLabel('Jméno a příjmení').fill(`Test Testová-Nová ${stamp}`);
    await page.getByRole('button', { name: 'Uložit' }).click();
    await page.getByText('Změny jsou uložené.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Test Testová-Nová ${stamp}` }).waitFor();
    assert.equal(await page.getByLabel('Druh poměru').inputValue(), 'official');
    assert.equal(await page.getByLabel('Úvazek').inputValue(), '0,5');
    await page.getByRole('button', { name: 'Deaktivovat' }).click();
    await page.getByText('Záznam byl deaktivován.').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(
    'admin: clearing an optional field of a user sticks',
    async () => {
      const { context, page } = await newPage();
      await signIn(page, 'admin@demo.rozvoj.cz');
      await page.goto(`${server.baseUrl}/sprava/uzivatele`);
      await page.locator('tbody tr a').first().click();
      await page.getByRole('button', { name: 'Uložit' }).waitFor();
      await page.getByLabel('Druh poměru').selectOption('official');
      await page.getByRole('button', { name: 'Uložit' }).click();
      await page.getByText('Změny jsou uložené.').waitFor();
      await page.getByLabel('Druh poměru').selectOption('');
      await page.getByRole('button', { name: 'Uložit' }).click();
      await page.getByText('Změny jsou uložené.').waitFor({ timeout: 5000 });
      await page.reload();
      await page.getByRole('button', { name: 'Uložit' }).waitFor();
      assert.equal(await page.getByLabel('Druh poměru').inputValue(), '');
      await context.close();
    },
  );

  test('English switch changes the texts and <html lang>, and survives a reload with the session', async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'vedouci@demo.rozvoj.cz');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const labels = await navLabels(page);
    assert.ok(labels.includes('My profile') && labels.includes('My team'), `${labels}`);
    await axe(page, 'home in English');

    await page.locator('#site-nav').getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.reload();
    // The refresh cookie brings the session back; the language is remembered.
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match((await page.locator('.user-name').textContent()) ?? '', /\S/);

    await page.getByRole('button', { name: 'Čeština' }).click();
    await page.getByRole('heading', { level: 1, name: 'Můj profil' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'cs');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('mobile 375 px: navigation behind the menu button', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, 'pracovnice@demo.rozvoj.cz');
    const menu = page.getByRole('button', { name: 'Nabídka' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#site-nav').isVisible(), false);
    await axe(page, 'mobile home');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await page.locator('#site-nav').getByRole('link', { name: 'Můj profil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Můj profil' }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (overflow ${overflow}px)`);
    await axe(page, 'mobile profile');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('keyboard: the skip link moves to the main content', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'supervizor@demo.rozvoj.cz');
    await page.goto(`${server.baseUrl}/profil`);
    await page.getByRole('heading', { level: 1, name: 'Můj profil' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Přeskočit na obsah' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await context.close();
  });

  // Last: it leaves a rate-limited account (a made-up one, so the demo logins stay usable).
  test('too many sign-in attempts: the wait from Retry-After is shown', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.baseUrl}/prihlaseni`);
    await page.getByLabel('E-mail').fill('nikdo@demo.rozvoj.cz');
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      await page.getByLabel('Heslo').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Přihlásit se' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await page.waitForFunction(() => !document.querySelector('button[type=submit]')?.textContent?.includes('Přihlašuji'));
      limited = /Zkuste to znovu za \d+/.test((await alert.textContent()) ?? '');
    }
    assert.ok(limited, 'a 429 with Retry-After shows how long to wait');
    assert.equal(await page.getByRole('button', { name: 'Přihlásit se' }).isDisabled(), true);
    assert.equal(await page.getByLabel('E-mail').inputValue(), 'nikdo@demo.rozvoj.cz');
    await axe(page, 'sign-in rate limited');
    await context.close();
  });
}
