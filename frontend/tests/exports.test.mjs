// Lists downloaded as files in the browser, on the demo data (issue 8): the admin filters the people and the
// organisations and downloads them as CSV for Czech Excel (a BOM, Czech headers, semicolons, the rows of the filter)
// and as XLSX; the worker her certificates and registrations; the lead the team's assessments in a state; the other
// list pages each their file. axe with the buttons, and the
// page with them fits a 375 px phone. Run: node --test tests/exports.test.mjs (SQLite), or with
// ROZVOJ_BROWSER_DATABASE=postgres.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertAccessible,
  assertFits,
  browserDatabase,
  browserSuite,
  filterList,
  launchBrowser,
  PHONE,
  signedIn,
  startServer,
} from './harness.mjs';

const ADMIN = 'admin@demo.rozvoj.cz';
const WORKER = 'pracovnice@demo.rozvoj.cz';
const WORKER_NAME = 'Jana Nováková';
const LEAD = 'vedouci@demo.rozvoj.cz';
const PROVIDER = 'vzdelavatel@demo.rozvoj.cz';
const BOM = '\uFEFF';
const HEATMAP = 'Teplotní mapa kompetencí';

browserSuite('list exports', suite);

/** Clicks a download button and reads the file the browser got. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
}

/** A CSV's lines without the BOM and the closing line break (the file has no line breaks inside its cells here). */
function csvLines(body) {
  const text = body.toString('utf8');
  assert.ok(text.startsWith(BOM), `no BOM: ${JSON.stringify(text.slice(0, 20))}`);
  return text.slice(1).replace(/\r?\n$/, '').split(/\r?\n/);
}

function assertXlsx(file, name) {
  assert.equal(file.name, name);
  assert.equal(file.body.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a ZIP');
}

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

  const csvButton = (page) => page.getByRole('button', { name: 'Stáhnout CSV', exact: true });
  const xlsxButton = (page) => page.getByRole('button', { name: 'Stáhnout XLSX', exact: true });

  test(`${db}: the admin downloads the filtered people and organisations as CSV and XLSX`, async () => {
    const { context, page, problems } = await signedIn(browser, server, ADMIN);

    await page.goto(`${server.baseUrl}/sprava/uzivatele`);
    await page.getByRole('heading', { level: 1, name: 'Uživatelé' }).waitFor();
    // The role filter: the file holds the leads the table shows, not every person.
    await filterList(page, 'Role', { label: 'vedoucí týmu' }, 'role=lead');
    const table = page.getByRole('table', { name: 'Uživatelé' });
    await table.locator('tbody tr').first().waitFor();
    const shown = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
    assert.ok(shown.length > 0, 'the demo has leads');
    await assertAccessible(page, `${db}: users with the download buttons`);

    const csv = await download(page, csvButton(page));
    assert.equal(csv.name, 'uzivatele.csv');
    const lines = csvLines(csv.body);
    assert.match(lines[0], /^Jméno a příjmení;E-mail;Role;Organizace;Pozice;/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(';')[0]).sort(), [...shown].sort(), 'the rows of the filter');
    for (const l of lines.slice(1)) assert.match(l, /vedoucí týmu/);
    assertXlsx(await download(page, xlsxButton(page)), 'uzivatele.xlsx');

    await page.goto(`${server.baseUrl}/sprava/organizace`);
    await page.getByRole('heading', { level: 1, name: 'Organizace' }).waitFor();
    await filterList(page, 'Druh', { label: 'vzdělavatel' }, 'kind=provider');
    await page.getByRole('table', { name: 'Organizace' }).locator('tbody tr').first().waitFor();
    const orgs = csvLines((await download(page, csvButton(page))).body);
    assert.match(orgs[0], /^Název;Druh;IČO;Kraj;Aktivní/);
    assert.ok(orgs.length > 1, 'the demo has a provider');
    for (const l of orgs.slice(1)) assert.equal(l.split(';')[1], 'vzdělavatel', l);

    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the worker downloads her certificates and registrations on a phone, each list by its own buttons`, async () => {
    const { context, page, problems } = await signedIn(browser, server, WORKER, { viewport: PHONE });
    await page.goto(`${server.baseUrl}/moje-vzdelavani`);
    const certs = page.getByRole('region', { name: 'Moje osvědčení' });
    // The buttons come with the list's rows.
    await certs.getByRole('button', { name: 'Stáhnout CSV: Moje osvědčení' }).waitFor();
    const shown = await certs.getByRole('listitem').count();
    assert.ok(shown > 0, 'the demo worker has certificates');
    await assertFits(page, `${db}: my training with the download buttons`);
    await assertAccessible(page, `${db}: my training with the download buttons`);

    const csv = await download(page, certs.getByRole('button', { name: 'Stáhnout CSV: Moje osvědčení' }));
    assert.equal(csv.name, 'moje-osvedceni.csv');
    const lines = csvLines(csv.body);
    assert.match(lines[0], /^Číslo;Jméno;Kurz;/);
    assert.equal(lines.length - 1, shown, 'a row per certificate shown');
    for (const l of lines.slice(1)) assert.equal(l.split(';')[1], WORKER_NAME, l);

    const regs = page.getByRole('region', { name: 'Moje přihlášky' });
    assertXlsx(await download(page, regs.getByRole('button', { name: 'Stáhnout XLSX: Moje přihlášky' })), 'moje-prihlasky.xlsx');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead downloads the team's agreed assessments, the state filter's rows`, async () => {
    const { context, page, problems } = await signedIn(browser, server, LEAD);
    await page.goto(`${server.baseUrl}/tym/hodnoceni`);
    await page.getByRole('heading', { level: 1, name: 'Sebehodnocení týmu' }).waitFor();
    await filterList(page, 'Stav', { label: 'dohodnuto' }, 'state=agreed');
    const table = page.getByRole('table');
    await table.locator('tbody tr').first().waitFor();
    const shown = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());

    const csv = await download(page, csvButton(page));
    assert.equal(csv.name, 'hodnoceni-tymu.csv');
    const lines = csvLines(csv.body);
    assert.match(lines[0], /^Pracovník;Stav;Termín;/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(';')[0]).sort(), [...shown].sort(), 'the rows of the filter');
    for (const l of lines.slice(1)) assert.equal(l.split(';')[1], 'dohodnuto', l);
    assertXlsx(await download(page, xlsxButton(page)), 'hodnoceni-tymu.xlsx');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${db}: the lead downloads the queue of training to confirm, without their own records`, async () => {
    const { context, page, problems } = await signedIn(browser, server, LEAD);
    await page.goto(`${server.baseUrl}/tym/plneni`);
    const queue = page.locator('section[aria-labelledby="tr-team-pending"]');
    const button = queue.getByRole('button', { name: 'Stáhnout CSV: vzdělávání mimo katalog k potvrzení' });
    await button.waitFor();
    const shown = (await queue.locator('.tr-list').first().locator('li strong').allInnerTexts()).map((s) => s.trim());
    assert.ok(shown.length > 0, 'the demo has training waiting for the lead');
    await assertAccessible(page, `${db}: the queues with their download buttons`);

    const csv = await download(page, button);
    assert.equal(csv.name, 'vzdelavani-k-potvrzeni.csv');
    const lines = csvLines(csv.body);
    assert.match(lines[0], /^Pracovník;Název;Vzdělavatel;/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(';')[1]).sort(), [...shown].sort(), 'the rows of the queue');
    for (const l of lines.slice(1)) assert.match(l, /;čeká na potvrzení;/, l);
    assert.deepEqual(problems, []);
    await context.close();
  });

  // The other list pages: each button answers its list's file with its Czech header row.
  const others = [
    { who: WORKER, path: '/podpora', file: 'moje-podpora', header: /^Datum;Druh podpory;Minuty;/ },
    { who: WORKER, path: '/muj-plan', file: 'moje-plany', header: /^Pracovník;Období od;Období do;/ },
    { who: LEAD, path: '/supervize', file: 'supervize', header: /^Tým;Druh supervize;Supervizor;/ },
    { who: ADMIN, path: '/katalog', file: 'katalog-kurzu', header: /^Název;Vzdělavatel;Forma;/ },
    { who: PROVIDER, path: '/moje-kurzy', file: 'terminy-kurzu', header: /^Kurz;Začátek;Konec;/ },
    {
      who: LEAD,
      path: '/muj-tym',
      file: 'mapa-kompetenci',
      header: /^Pracovník;Dohodnuto dne;Příští hodnocení;Po termínu;Oblast;Kompetence;/,
      button: `Stáhnout CSV: ${HEATMAP}`,
    },
    { who: LEAD, path: '/muj-tym', file: 'plany-tymu', header: /^Pracovník;Období od;Období do;/, button: 'Stáhnout CSV: Plány vzdělávání' },
    { who: WORKER, path: '/moje-hodnoceni', file: 'moje-hodnoceni', header: /^Pracovník;Stav;Termín;/ },
  ];
  test(`${db}: support, plans, supervision, the catalogue, the provider's sessions, the team's heatmap and plans, and the own assessments download too`, async () => {
    for (const { who, path, file, header, button = /^Stáhnout CSV/ } of others) {
      const { context, page, problems } = await signedIn(browser, server, who);
      await page.goto(`${server.baseUrl}${path}`);
      const csv = await download(page, page.getByRole('button', { name: button }).first());
      assert.equal(csv.name, `${file}.csv`, path);
      assert.match(csvLines(csv.body)[0], header, path);
      assert.deepEqual(problems, [], path);
      await context.close();
    }
  });

  test(`${db}: the buttons fit a phone beside the filters`, async () => {
    const { context, page, problems } = await signedIn(browser, server, ADMIN, { viewport: PHONE });
    await page.goto(`${server.baseUrl}/sprava/tymy`);
    await page.getByRole('heading', { level: 1, name: 'Týmy' }).waitFor();
    await csvButton(page).waitFor();
    await assertFits(page, `${db}: teams on a phone`);
    const csv = await download(page, csvButton(page));
    assert.equal(csv.name, 'tymy.csv');
    assert.match(csvLines(csv.body)[0], /^Název týmu;Vedoucí;/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
