// The regional dashboard in the browser, on the demo data, as the methodologist: the region's indicators as cards
// matching the API (a suppressed one in words, never a number), the table of organisations with suppressed cells
// saying so, a drill-down into an organisation and back, the quarterly trend with its data table, a CSV export for
// Czech Excel; axe on each view, and the page fits a 375 px phone. Run: node --test tests/indicators.test.mjs
// (SQLite), or with ROZVOJ_BROWSER_DATABASE=postgres. On the national data set (docs/performance.md): a server
// started on it, ROZVOJ_TEST_URL=http://127.0.0.1:PORT ROZVOJ_DEMO_PASSWORD=<seed's --password>
// ROZVOJ_TEST_METHODOLOGIST=<a methodologist's e-mail>.
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

const METHODOLOGIST = process.env.ROZVOJ_TEST_METHODOLOGIST || 'metodik@demo.rozvoj.cz';
const SUPPRESSED = 'potlačeno – méně než 5 osob';

browserSuite('regional dashboard', suite);

/** Clicks a download button and reads the file the browser got; its name must match `name` when given. */
async function save(page, button, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  if (name) assert.match(file.suggestedFilename(), name);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks);
}

function suite() {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const db = browserDatabase();
  let token = '';

  async function api(path) {
    const r = await fetch(`${server.baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const text = await r.text();
    assert.ok(r.ok, `GET ${path}: ${r.status} ${text}`);
    return JSON.parse(text);
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const r = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: METHODOLOGIST, password: server.password }),
    });
    token = (await r.json()).access_token;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test(`${db}: the methodologist reads her region's indicators, drills into an organisation and exports CSV`, async () => {
    const me = await api('/api/v1/me');
    const region = me.roles.find((x) => x.role === 'methodologist').region_code;
    const year = String(new Date().getFullYear());
    const expected = await api(`/api/v1/indicators?scope=region&id=${region}&period=${year}`);

    const { context, page, problems } = await signedIn(browser, server, METHODOLOGIST, { viewport: PHONE, acceptDownloads: true });
    await page.getByRole('link', { name: 'Ukazatele kraje' }).first().click();
    await page.getByRole('heading', { level: 1, name: `Ukazatele: ${expected.name}` }).waitFor();

    await page.waitForFunction(() => !document.querySelector('.loading'));

    // A card per value; a suppressed one says why in words and shows no number.
    const cards = page.getByRole('region', { name: /^Souhrn za kraj/ }).getByRole('listitem');
    assert.equal(await cards.count(), expected.indicators.length);
    for (const [i, v] of expected.indicators.entries()) {
      const card = cards.nth(i);
      if (v.suppressed) {
        const lines = (await card.innerText()).split('\n').filter((l) => l.trim());
        assert.deepEqual(lines.slice(1), [SUPPRESSED], `card ${v.indicator} shows more than that it is suppressed`);
      } else {
        assert.doesNotMatch(await card.innerText(), /potlačeno/, `card ${v.indicator}`);
      }
    }

    // The organisations of the region, a cell per value; the small demo offices are suppressed in words.
    const table = page.getByRole('table', { name: /^Ukazatele po organizacích kraje/ });
    const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
    assert.ok((await rows.count()) > 0, 'no organisation in the table');
    const first = rows.first().getByRole('rowheader').getByRole('link');
    const orgName = await first.innerText();
    const orgs = (await api(`/api/v1/organizations?region_code=${region}&active=true&limit=100`)).items;
    const org = orgs.find((o) => o.name === orgName);
    assert.ok(org, `${orgName} is not an organisation of ${region}`);
    // Offices run no courses: the providers' fill rate is a card of the region only, not a column.
    const office = (v) => v.indicator !== 'training_fill_rate';
    const orgValues = (await api(`/api/v1/indicators?scope=organization&id=${org.id}&period=${year}`)).indicators.filter(office);
    const cells = rows.first().getByRole('cell');
    assert.equal(await cells.count(), expected.indicators.filter(office).length);
    assert.equal(await table.getByRole('columnheader', { name: /^Obsazenost kurzů/ }).count(), 0);
    for (const [i, v] of orgValues.entries()) {
      const text = await cells.nth(i).innerText();
      if (v.suppressed) assert.equal(text, SUPPRESSED, `${orgName} ${v.indicator}`);
      else assert.notEqual(text, SUPPRESSED, `${orgName} ${v.indicator}`);
    }
    if (orgValues.some((v) => v.suppressed)) await table.getByText(SUPPRESSED).first().waitFor();

    // The trend over the year's quarters, with its data table.
    const trend = page.getByRole('table', { name: /^Data grafu: Vývoj po čtvrtletích/ });
    assert.equal(await trend.getByRole('rowheader').count(), 4);
    await page.getByRole('img', { name: new RegExp(`^Vývoj po čtvrtletích roku ${year}`) }).waitFor();
    // The gaps by domain as a chart of their own, a row per domain in its table.
    const gaps = expected.indicators.filter((v) => v.indicator === 'gap_mean');
    if (gaps.length) {
      // Each domain by its code and its name in the version in force (the names come after the numbers).
      const versions = (await api('/api/v1/frameworks')).items.filter((f) => f.status === 'published' && f.source !== 'import');
      const current = versions.sort((a, b) => b.published_on.localeCompare(a.published_on))[0];
      const names = new Map((await api(`/api/v1/frameworks/${current.id}`)).domains.map((d) => [d.code, d.name_cs]));
      const labels = gaps.map((v) => (names.has(v.kind) ? `${v.kind} ${names.get(v.kind)}` : v.kind));
      const domains = page.getByRole('table', { name: /^Data grafu: Průměrná mezera podle oblastí/ });
      await domains.getByRole('rowheader', { name: labels[0], exact: true }).waitFor();
      assert.deepEqual(await domains.getByRole('rowheader').allInnerTexts(), labels);

      // The chart as pictures for a report: an SVG that stands alone, titled, with every bar's words; a PNG.
      const title = `Průměrná mezera podle oblastí, rok ${year}`;
      const svg = (await save(page, page.getByRole('button', { name: `Stáhnout SVG: ${title}` }))).toString('utf8');
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(svg.includes(`<title>${title}</title>`), 'the SVG carries its title');
      assert.ok(!/class="/.test(svg), 'the SVG needs no stylesheet');
      for (const v of gaps) assert.ok(svg.includes(`>${v.kind}</text>`), `the SVG labels ${v.kind}`);
      const png = await save(page, page.getByRole('button', { name: `Stáhnout PNG: ${title}` }));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
      assert.equal(png.readUInt32BE(16), 800, 'twice the chart\'s width');
    }
    await assertAccessible(page, `${db}: regional dashboard`);
    await assertFits(page, `${db}: regional dashboard`);

    // CSV for Czech Excel: a BOM and semicolons.
    const csv = await save(page, page.getByRole('button', { name: 'Stáhnout CSV' }), new RegExp(`^ukazatele-${region}-${year}\\.csv$`));
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no BOM');
    assert.match(csv.toString('utf8').split('\n')[0], /;/);

    // Drill-down into the organisation and back to the region.
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Ukazatele: ${orgName}` }).waitFor();
    await page.getByRole('region', { name: /^Souhrn za organizaci/ }).waitFor();
    await assertAccessible(page, `${db}: an organisation's indicators`);
    await assertFits(page, `${db}: an organisation's indicators`);
    await page.getByRole('link', { name: 'Zpět na kraj' }).click();
    await page.getByRole('heading', { level: 1, name: `Ukazatele: ${expected.name}` }).waitFor();

    assert.deepEqual(problems, []);
    await context.close();
  });
}
