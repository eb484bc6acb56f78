// The supervision journey in the browser, on the demo data: the lead (Petra Svobodová, OSPOD Jihlava) plans a
// six-weekly team supervision series of six sessions and sees its dates, all at 9:00 Prague time (the server's
// refusal of a 9-hour session shown at its field first; a supervisor not in the list invited by e-mail), moves the rest of the series, keeps what she typed through a
// conflict (409) and cancels one session behind a confirmation; the supervisor
// (Eva Černá) confirms the demo session waiting for her, with who attended; the worker (Jana Nováková) writes a
// private note on that session and finds it after a reload; the lead and the supervisor open the same page and the
// note is nowhere on it, and its endpoint answers them 404. Jana's calendar feed carries the session. axe on every
// page; the pages fit a 375 px phone. Run: node --test tests/supervision.journey.test.mjs (SQLite), or with
// ROZVOJ_BROWSER_DATABASE=postgres.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible, assertFits, browserSuite, launchBrowser, PHONE, startServer } from './harness.mjs';

const LEAD = 'vedouci@demo.rozvoj.cz';
const SUPERVISOR = 'supervizor@demo.rozvoj.cz';
const WORKER = 'pracovnice@demo.rozvoj.cz';
const ADMIN = 'admin@demo.rozvoj.cz';

browserSuite('supervision journey', suite);

/** A day N days from today (UTC calendar), moved on to the next Tuesday. */
function tuesdayAfter(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const longDate = (day) =>
  new Intl.DateTimeFormat('cs', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const problems = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const axe = assertAccessible;

  const fits = assertFits;

  /** A signed-in page at a path, on a phone or a desktop. */
  async function signedIn(email, path, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'cs-CZ', timezoneId: 'Europe/Prague' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: .*status of 4\d\d/.test(m.text())) problems.push(`${email}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${email}: pageerror: ${e.message}`));
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForURL(/\/prihlaseni/);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Heslo').fill(server.password);
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.waitForURL((u) => u.pathname === path);
    return { context, page };
  }

  /** An access token for the API, as the SPA gets one. */
  async function token(email) {
    const r = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: server.password }),
    });
    assert.equal(r.status, 200);
    return (await r.json()).access_token;
  }

  async function api(tok, path) {
    return fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${tok}` } });
  }

  // Set by the supervisor's step: the demo session she confirms, which Jana then writes about.
  let sessionId = '';
  const NOTE = `Moje reflexe: co si odnáším ze supervize ${Date.now()}`;

  test('the lead plans a six-weekly team supervision series and sees its dates', async () => {
    const { context, page } = await signedIn(LEAD, '/supervize', PHONE);
    await page.getByRole('heading', { level: 1, name: 'Supervize' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Naplánovat supervizi' }).waitFor();
    await axe(page, 'supervision, lead');
    await fits(page, 'supervision, lead');

    // Petra leads one team: it is chosen, and team supervision ticks every member.
    const team = page.locator('#f-team_id');
    assert.notEqual(await team.inputValue(), '');
    await page.getByRole('checkbox', { name: 'Jana Nováková' }).and(page.locator(':checked')).waitFor();
    assert.ok((await page.getByRole('radio', { name: 'týmová' }).isChecked()), 'team supervision is the default kind');

    // Sending with no supervisor names the field, and keeps what was typed.
    const first = tuesdayAfter(14);
    const place = `Zasedací místnost ${Date.now() % 100000}`;
    await page.getByLabel('Datum').fill(first);
    await page.getByLabel('Místo').fill(place);
    await page.getByRole('button', { name: 'Naplánovat', exact: true }).click();
    await page.locator('#f-supervisor_id[aria-invalid="true"]').waitFor();
    assert.equal(await page.getByLabel('Místo').inputValue(), place);
    await axe(page, 'planner, missing supervisor');

    // A supervisor not in the list is invited by e-mail and chosen; the server names what is missing first.
    await page.getByText('Supervizor/ka v seznamu není? Pozvat e-mailem').click();
    await page.getByRole('button', { name: 'Pozvat' }).click();
    await page.locator('#f-email[aria-invalid="true"]').waitFor();
    await page.locator('#f-name[aria-invalid="true"]').waitFor();
    await axe(page, 'planner, invitation refused');
    await page.locator('#f-name').fill('Olga Nová');
    await page.locator('#f-email').fill('olga.nova@supervize.example');
    await page.locator('#f-email').press('Enter');
    await page.getByText('Pozvánka odešla na olga.nova@supervize.example; Olga Nová je vybrán(a) jako supervizor/ka.').waitFor();
    assert.equal(await page.locator('#f-supervisor_id option:checked').textContent(), 'Olga Nová');
    assert.equal(await page.getByLabel('Místo').inputValue(), place, 'inviting keeps the planner as typed');
    assert.equal(await page.locator('.spv-plan > [role=status] .alert-ok').count(), 0, 'Enter in the invitation does not plan');
    await axe(page, 'planner, supervisor invited');

    await page.getByLabel('Supervizor/ka').selectOption({ label: 'Eva Černá' });
    await page.locator('#f-starts_at').fill('09:00');
    await page.locator('#f-ends_at').fill('11:00');
    await page.getByRole('checkbox', { name: 'Opakovat' }).check();
    await page.getByLabel('Každých … týdnů').fill('6');
    await page.getByLabel('Počet setkání (včetně prvního)').fill('6');

    const days = [0, 1, 2, 3, 4, 5].map((k) => addDays(first, 42 * k));
    const preview = page.locator('.spv-preview');
    await preview.getByRole('heading', { name: 'Termíny, které vzniknou (6)' }).waitFor();
    await preview.getByText('Pravidlo: každých 6 týdnů v úterý, celkem 6 setkání').waitFor();
    const shown = await preview.getByRole('listitem').allTextContents();
    assert.deepEqual(
      shown.map((s) => s.trim()),
      days.map((d) => `úterý ${longDate(d)} 09:00–11:00`),
    );
    await axe(page, 'planner, series preview');
    await fits(page, 'planner, series preview');

    // The server's refusal (a session lasts at most 8 hours) sits next to its field; nothing typed is lost.
    await page.locator('#f-ends_at').fill('18:00');
    await page.getByRole('button', { name: 'Naplánovat', exact: true }).click();
    await page.locator('#f-ends_at[aria-invalid="true"]').waitFor();
    await page.locator('#f-ends_at-error').getByText('Setkání trvá nejvýše 8 hodin.').waitFor();
    assert.equal(await page.getByLabel('Místo').inputValue(), place);
    assert.equal(await page.getByLabel('Každých … týdnů').inputValue(), '6');
    await axe(page, 'planner, refused by the server');
    await page.locator('#f-ends_at').fill('11:00');
    await page.getByRole('button', { name: 'Naplánovat', exact: true }).click();
    await page.getByText('Naplánováno 6 setkání.').waitFor();

    // The upcoming list has the six sessions, each on its Tuesday at 9:00 Prague time (also across a clock change).
    const upcoming = page.locator('section', { has: page.getByRole('heading', { name: 'Nadcházející setkání' }) });
    const planned = upcoming.getByRole('listitem').filter({ hasText: place });
    await planned.first().waitFor();
    assert.equal(await planned.count(), 6);
    const texts = await planned.allTextContents();
    days.forEach((d, i) => {
      assert.ok(texts[i].includes(`${longDate(d)} 9:00–11:00`), `session ${i + 1} on ${d} at 9:00: ${texts[i]}`);
      assert.ok(texts[i].includes('Týmová supervize') && texts[i].includes('naplánováno') && texts[i].includes('Eva Černá'), texts[i]);
    });
    await axe(page, 'supervision, series planned');
    await fits(page, 'supervision, series planned');

    // The series is on the server as the preview said: six sessions, one series, 9:00 in Prague each.
    const tok = await token(LEAD);
    const list = await (await api(tok, `/api/v1/supervision/sessions?from=${first}&limit=100`)).json();
    const mine = list.items.filter((s) => s.place === place);
    assert.equal(mine.length, 6);
    assert.equal(new Set(mine.map((s) => s.series_id)).size, 1);
    assert.equal(mine[0].rrule, 'FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6');
    for (const s of mine) {
      const wall = new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(new Date(s.starts_at));
      assert.equal(wall, '9:00');
    }

    // The session page tells the series in words and offers this one or the rest of the series.
    await planned.nth(1).getByRole('link', { name: 'Týmová supervize' }).click();
    await page.getByRole('heading', { level: 1, name: /Týmová supervize/ }).waitFor();
    await page.getByText('Série: každých 6 týdnů v úterý, celkem 6 setkání').waitFor();
    await axe(page, 'session page, lead');
    await fits(page, 'session page, lead');

    // Moved with the rest of the series to 10:00–12:00: the later ones follow, the first stays at 9:00.
    await page.locator('#f-starts_at').fill('10:00');
    await page.locator('#f-ends_at').fill('12:00');
    await page.getByRole('radio', { name: 'tohoto a všech dalších setkání v sérii' }).check();
    await page.getByRole('button', { name: 'Uložit změnu' }).click();
    await page.getByText('Změna je uložená.').waitFor();
    const hour = (iso) => new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
    const moved = (await (await api(tok, `/api/v1/supervision/sessions?from=${first}&limit=100`)).json()).items.filter((s) => s.place === place);
    assert.deepEqual(moved.map((s) => hour(s.starts_at)), ['9:00', '10:00', '10:00', '10:00', '10:00', '10:00']);

    // Someone else changes the session meanwhile: saving is refused (409), what was typed stays, a reload and a
    // second save carry it.
    const current = moved[1];
    const other = await fetch(`${server.baseUrl}/api/v1/supervision/sessions/${current.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
      body: JSON.stringify({ scope: 'one', place: 'Jinde' }),
    });
    assert.equal(other.status, 200);
    await page.getByLabel('Místo').fill('Velká zasedačka');
    await page.getByRole('radio', { name: 'jen tohoto setkání' }).check();
    await page.getByRole('button', { name: 'Uložit změnu' }).click();
    await page.getByText('Někdo záznam mezitím změnil.', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Místo').inputValue(), 'Velká zasedačka');
    await axe(page, 'session page, conflict');
    await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
    await page.getByText('Jinde').waitFor();
    assert.equal(await page.getByLabel('Místo').inputValue(), 'Velká zasedačka');
    await page.getByRole('button', { name: 'Uložit změnu' }).click();
    await page.getByText('Změna je uložená.').waitFor();
    await page.locator('.spv-facts').getByText('Velká zasedačka').waitFor();

    // Cancelled, this session only, after a confirmation.
    await page.getByRole('button', { name: 'Zrušit setkání…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zrušit setkání?' });
    await dialog.getByText('Účastníci a supervizor/ka dostanou oznámení.', { exact: false }).waitFor();
    await axe(page, 'session page, cancel dialog');
    await dialog.getByRole('button', { name: 'Zrušit', exact: true }).click();
    await page.getByText('Setkání je zrušené.').waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('zrušeno').waitFor();
    const after = (await (await api(tok, `/api/v1/supervision/sessions?from=${first}&limit=100`)).json()).items.filter((s) => s.series_id === current.series_id);
    assert.deepEqual(after.map((s) => s.status), ['planned', 'cancelled', 'planned', 'planned', 'planned', 'planned']);
    await context.close();
  });

  test('the supervisor confirms the demo session waiting for her, with who attended', async () => {
    const { context, page } = await signedIn(SUPERVISOR, '/supervize', PHONE);
    const waiting = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'K potvrzení' }) });
    const item = waiting.getByRole('listitem').filter({ hasText: 'Týmová supervize' }).first();
    await item.waitFor();
    await axe(page, 'supervision, supervisor');
    await fits(page, 'supervision, supervisor');

    const tok = await token(SUPERVISOR);
    const unconfirmed = (await (await api(tok, '/api/v1/supervision/sessions?unconfirmed=true')).json()).items;
    assert.equal(unconfirmed.length, 1, 'the demo leaves one session for Eva to confirm');
    sessionId = unconfirmed[0].id;
    const people = unconfirmed[0].participants;
    assert.ok(people.length >= 2);

    // Everyone is ticked at first; one did not come.
    const absent = people.find((p) => p.name !== 'Jana Nováková');
    for (const p of people) assert.ok(await item.getByRole('checkbox', { name: p.name }).isChecked());
    await item.getByRole('checkbox', { name: absent.name }).uncheck();
    await item.getByRole('button', { name: 'Potvrdit' }).click();
    await page.getByText('Setkání je potvrzené.').waitFor();
    await waiting.getByText('Nic nečeká na potvrzení.').waitFor();
    await axe(page, 'supervision, confirmed');

    const held = await (await api(tok, `/api/v1/supervision/sessions/${sessionId}`)).json();
    assert.equal(held.status, 'held');
    for (const p of held.participants) assert.equal(p.attended, p.person_id !== absent.person_id, p.name);

    // A session ahead cannot be confirmed yet: the page offers no confirmation.
    const ahead = (await (await api(tok, '/api/v1/supervision/sessions?status=planned')).json()).items.find((s) => Date.parse(s.starts_at) > Date.now());
    await page.goto(`${server.baseUrl}/supervize/${ahead.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Potvrdit' }).count(), 0);
    await context.close();
  });

  test('the worker keeps a private note that nobody else reads', async () => {
    assert.ok(sessionId, 'the supervisor step found the session');
    const path = `/supervize/${sessionId}`;
    const { context, page } = await signedIn(WORKER, path, PHONE);
    await page.getByRole('heading', { level: 1, name: /Týmová supervize/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Moje soukromá poznámka' }).waitFor();
    await page.getByText('Nikdo jiný — ani vedoucí, ani supervizor/ka, ani správce aplikace — ji nemůže přečíst').waitFor();
    await axe(page, 'session page, worker');
    await fits(page, 'session page, worker');

    await page.getByLabel('Poznámka k setkání').fill(NOTE);
    await page.getByRole('button', { name: 'Uložit poznámku' }).click();
    await page.getByText('Poznámka je uložená.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Moje soukromá poznámka' }).waitFor();
    await page.waitForFunction((text) => document.querySelector('textarea')?.value === text, NOTE);
    await axe(page, 'session page, worker with a note');
    await context.close();

    // Her own note is hers through the API too.
    const mine = await api(await token(WORKER), `/api/v1/supervision/sessions/${sessionId}/note`);
    assert.equal(mine.status, 200);
    assert.equal((await mine.json()).text, NOTE);
  });

  test('the lead and the supervisor open the same session: the note is nowhere, its endpoint 404', async () => {
    assert.ok(sessionId);
    for (const email of [LEAD, SUPERVISOR]) {
      const { context, page } = await signedIn(email, `/supervize/${sessionId}`);
      await page.getByRole('heading', { level: 1, name: /Týmová supervize/ }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Účastníci' }).waitFor();
      // Petra is a member of her team too: she has a note of her own to write, empty, never Jana's.
      if (email === LEAD) {
        await page.getByRole('heading', { level: 2, name: 'Moje soukromá poznámka' }).waitFor();
        assert.equal(await page.getByLabel('Poznámka k setkání').inputValue(), '');
      } else {
        assert.equal(await page.getByRole('heading', { name: 'Moje soukromá poznámka' }).count(), 0);
      }
      // Nowhere: neither in the page's text and markup nor in the value of any field.
      const seen = await page.evaluate(() =>
        [document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join('\n'),
      );
      assert.ok(!seen.includes(NOTE), `${email} sees the note`);
      await axe(page, `session page, ${email}`);
      await context.close();
    }
    for (const email of [LEAD, SUPERVISOR, ADMIN]) {
      const r = await api(await token(email), `/api/v1/supervision/sessions/${sessionId}/note`);
      assert.equal(r.status, 404, email);
      assert.ok(!(await r.text()).includes(NOTE));
    }
  });

  test("the worker's calendar feed carries the supervision session", async () => {
    assert.ok(sessionId);
    const { context, page } = await signedIn(WORKER, '/kalendar');
    await page.getByRole('heading', { level: 1, name: 'Kalendář' }).waitFor();
    await page.getByLabel('Název').fill('Supervize v telefonu');
    await page.getByRole('button', { name: 'Vytvořit odběr' }).click();
    const url = await page.getByLabel(/^Adresa odběru/).inputValue();
    await context.close();
    const feed = await fetch(url);
    assert.equal(feed.status, 200);
    const body = await feed.text();
    assert.ok(body.includes(`UID:supervision-session-${sessionId}@rozvoj`), 'the session is in the feed');
    assert.match(body, /SUMMARY:Týmová supervize/);
    assert.ok(!body.includes(NOTE), 'the note is not in the feed');
  });

  test('no errors in the browser console', () => {
    assert.deepEqual(problems, []);
  });
}
