// The supervision policy and a team's standing against it, in the browser on the demo data: the admin sets the
// policy of Magistrát města Jihlavy on its edit page (a wrong value is refused next to its field; a change saved
// meanwhile elsewhere keeps what was typed), then the lead opens /tym/supervize from /muj-tym and sees her team's
// standing (the demo has a year of six-weekly team supervision) and the hours table, as the API answers them, with
// the note that they never count toward § 111. axe on each page; the lead's page on a 375 px phone.
// Run: node --test tests/standing.test.mjs (SQLite), or with ROZVOJ_BROWSER_DATABASE=postgres.
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

const ADMIN = 'admin@demo.rozvoj.cz';
const LEAD = 'vedouci@demo.rozvoj.cz';
const ORG = 'Magistrát města Jihlavy';
const TEAM = 'Oddělení sociálně-právní ochrany dětí';
const WORKER_NAME = 'Jana Nováková';
const WEEKS = 'Týmová supervize nejméně každých … týdnů';
const HOURS = 'Individuální supervize … hodin ročně na pracovníka';

browserSuite('supervision standing', suite);

/** Hours as the page writes them in Czech: at most two decimals, a decimal comma. */
const hours = (h) => new Intl.NumberFormat('cs', { maximumFractionDigits: 2 }).format(Math.round(h * 100) / 100);

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const db = browserDatabase();
  let orgId = '';

  async function api(method, path, token, body, headers = {}) {
    const r = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return { data: text ? JSON.parse(text) : null, etag: r.headers.get('ETag') };
  }

  const login = async (email) =>
    (await api('POST', '/api/v1/auth/login', null, { email, password: server.password })).data.access_token;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = await login(ADMIN);
    const orgs = (await api('GET', '/api/v1/organizations?limit=100', token)).data.items;
    orgId = orgs.find((o) => o.name === ORG).id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (email, viewport) => signedIn(browser, server, email, { viewport });

  const axe = (page, where) => assertAccessible(page, `${db}: ${where}`);

  const fitsPhone = assertFits;

  test(`${db}: the admin sets an 8-week policy with 4 individual hours; a change made meanwhile keeps what was typed`, async () => {
    const { context, page, problems } = await as(ADMIN);
    await page.goto(`${server.baseUrl}/sprava/organizace`);
    await page.getByRole('link', { name: ORG, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: ORG }).waitFor();
    const policy = page.getByRole('region', { name: 'Pravidla supervize' });
    await policy.getByText('Organizace nemá stanovená pravidla supervize.').waitFor();
    assert.equal(await policy.getByLabel(WEEKS).inputValue(), '');
    assert.equal(await policy.getByLabel(HOURS).inputValue(), '');
    await axe(page, 'the organisation with its supervision policy');

    // Wrong values are refused next to their fields before anything is sent, and stay as typed.
    await policy.getByLabel(WEEKS).fill('60');
    await policy.getByLabel(HOURS).fill('0');
    await policy.getByRole('button', { name: 'Uložit pravidla' }).click();
    await policy.getByText('Zadejte celý počet týdnů od 1 do 52, nebo pole nechte prázdné.').waitFor();
    await policy.getByText(/^Zadejte počet hodin větší než 0/).waitFor();
    assert.equal(await policy.getByLabel(WEEKS).getAttribute('aria-invalid'), 'true');
    assert.equal(await policy.getByLabel(WEEKS).inputValue(), '60');
    await axe(page, 'the policy with field errors');
    const token = await login(ADMIN);
    assert.equal((await api('GET', `/api/v1/organizations/${orgId}/supervision-policy`, token)).data.version, 1, 'nothing was sent');

    await policy.getByLabel(WEEKS).fill('8');
    await policy.getByLabel(HOURS).fill('4');
    await policy.getByRole('button', { name: 'Uložit pravidla' }).click();
    await policy.getByRole('status').getByText('Pravidla supervize jsou uložená.').waitFor();
    await policy.getByText('Týmová supervize nejméně každých 8 týdnů.').waitFor();
    await policy.getByText('Individuální supervize nejméně 4 hodiny ročně na pracovníka.').waitFor();

    // Someone else saves meanwhile: the page shows what is in force now and keeps what was typed here.
    const now = await api('GET', `/api/v1/organizations/${orgId}/supervision-policy`, token);
    await api('PUT', `/api/v1/organizations/${orgId}/supervision-policy`, token, { team_interval_weeks: 6, individual_hours: null }, {
      'If-Match': now.etag,
    });
    await policy.getByLabel(WEEKS).fill('9');
    await policy.getByLabel(HOURS).fill('2,5');
    await policy.getByRole('button', { name: 'Uložit pravidla' }).click();
    await policy.getByRole('alert').filter({ hasText: 'Pravidla mezitím změnil někdo jiný' }).waitFor();
    await policy.getByText('Týmová supervize nejméně každých 6 týdnů.').waitFor();
    assert.equal(await policy.getByLabel(WEEKS).inputValue(), '9', 'typed weeks kept on conflict');
    assert.equal(await policy.getByLabel(HOURS).inputValue(), '2,5', 'typed hours kept on conflict');
    await axe(page, 'the policy after a conflict');

    // Saving again goes through against the version read; the admin settles on 8 weeks and 4 hours.
    await policy.getByLabel(WEEKS).fill('8');
    await policy.getByLabel(HOURS).fill('4');
    await policy.getByRole('button', { name: 'Uložit pravidla' }).click();
    await policy.getByRole('status').getByText('Pravidla supervize jsou uložená.').waitFor();
    assert.equal(await policy.getByRole('alert').count(), 0);
    const saved = (await api('GET', `/api/v1/organizations/${orgId}/supervision-policy`, token)).data;
    assert.equal(saved.team_interval_weeks, 8);
    assert.equal(saved.individual_hours, 4);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead sees the team's standing against the policy and the hours on a phone`, async () => {
    const token = await login(LEAD);
    const me = (await api('GET', '/api/v1/me', token)).data;
    const teamId = me.roles.find((r) => r.role === 'lead').team_id;
    const year = new Date().getFullYear();
    const st = (await api('GET', `/api/v1/teams/${teamId}/supervision?year=${year}`, token)).data;
    assert.equal(st.policy?.team_interval_weeks, 8, 'the admin’s policy is in force');
    assert.ok(st.last_held, 'the demo has held team supervision this year');
    const jana = st.people.find((p) => p.person_name === WORKER_NAME);
    assert.ok(jana, 'Jana is in the standing');
    const support = (await api('GET', `/api/v1/support-log/summary?team_id=${teamId}&year=${year}`, token)).data;
    const janaSupport = support.people.find((p) => p.person_name === WORKER_NAME);

    const { context, page, problems } = await as(LEAD, PHONE);
    await page.goto(`${server.baseUrl}/muj-tym`);
    await page.getByRole('link', { name: 'Supervize a podpora v týmu podle pravidel organizace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervize a podpora v týmu' }).waitFor();
    await page.getByText(/nezapočítávají do povinného vzdělávání \(§ 111/).waitFor();

    const team = page.getByRole('region', { name: TEAM });
    await team.getByText('Týmová supervize nejméně každých 8 týdnů. Individuální supervize nejméně 4 hodiny ročně na pracovníka.', {
      exact: false,
    }).waitFor();
    const badgeText = st.within_policy ? '✓ v souladu s pravidlem' : '✗ mimo pravidlo';
    const facts = team.locator('dl');
    await facts.getByText(badgeText).waitFor();
    const days = st.longest_gap_days;
    const dayWord = days === 1 ? 'den' : days >= 2 && days <= 4 ? 'dny' : 'dní';
    await facts.getByText(`${days} ${dayWord} (pravidlo: nejvýše 56 dní)`).waitFor();
    // The last held session's day as Prague has it.
    const heldDay = new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(st.last_held),
    );
    await facts.getByText(heldDay, { exact: false }).first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading'));

    // Jana's row: her supervision hours by kind, their total and her individual hours against the 4-hour rule.
    const supTable = team.getByRole('table', { name: /^Hodiny supervize podle člověka/ });
    const row = supTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: WORKER_NAME }) });
    const cells = await row.getByRole('cell').allTextContents();
    const total = jana.hours.individual + jana.hours.group + jana.hours.team + jana.hours.case;
    assert.deepEqual(cells.slice(0, 5).map((c) => c.trim()), [
      hours(jana.hours.individual),
      hours(jana.hours.group),
      hours(jana.hours.team),
      hours(jana.hours.case),
      hours(total),
    ]);
    assert.ok(jana.hours.team > 0, 'Jana attended team supervision in the demo');
    assert.equal(cells[5].trim(), jana.within_policy ? '✓ v souladu s pravidlem' : '✗ mimo pravidlo');
    assert.equal(await supTable.getByRole('row').count(), st.people.length + 1);

    // Her support hours by kind, as the support log sums them (it lists every member, with zeros too).
    assert.ok(janaSupport, 'Jana is in the support summary');
    const supportTable = team.getByRole('table', { name: 'Hodiny podpory podle člověka a druhu' });
    const srow = supportTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: WORKER_NAME }) });
    const scells = (await srow.getByRole('cell').allTextContents()).map((c) => c.trim());
    assert.deepEqual(scells, [...janaSupport.kinds.map((k) => hours(k.hours)), hours(janaSupport.total_hours)]);
    await axe(page, 'the team’s supervision standing');
    await fitsPhone(page, 'the team’s supervision standing');

    // Last year: the headings and the numbers follow the year chosen.
    await page.getByLabel('Rok').selectOption(String(year - 1));
    await team.getByRole('heading', { name: `Hodiny supervize v roce ${year - 1}` }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading'));
    const last = (await api('GET', `/api/v1/teams/${teamId}/supervision?year=${year - 1}`, token)).data;
    const janaLast = last.people.find((p) => p.person_name === WORKER_NAME);
    const lastCells = await row.getByRole('cell').allTextContents();
    assert.equal(lastCells[2].trim(), hours(janaLast.hours.team));
    await facts.getByText(`${last.longest_gap_days} `, { exact: false }).first().waitFor();
    await axe(page, 'the team’s supervision standing last year');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
