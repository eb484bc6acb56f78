// Starts the built rozvoj binary on a temp SQLite database with demo data, and Debian's Chromium via
// playwright-core. Nothing is downloaded: the browser is /usr/bin/chromium (apt-get install chromium).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function binaryPath() {
  return resolve(process.env.ROZVOJ_BIN || join(here, '..', '..', 'bin', 'rozvoj'));
}

/** Why the browser tests cannot run here, or null when they can. In CI (CI=true) a reason is a failure. */
export function missingPrerequisite() {
  if (process.env.ROZVOJ_TEST_URL) return findChromium() ? null : 'Chromium not found (apt-get install chromium)';
  if (!findChromium()) return 'Chromium not found at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)';
  if (browserDatabase() === 'postgres') {
    try {
      execFileSync('psql', ['--version'], { stdio: 'ignore' });
    } catch {
      return 'psql not found (apt-get install postgresql-client): it makes the fresh schema for ROZVOJ_BROWSER_DATABASE=postgres';
    }
  }
  if (!existsSync(binaryPath())) return `rozvoj binary not found at ${binaryPath()} (build it, or set ROZVOJ_BIN)`;
  if (!existsSync(join(here, '..', 'dist', 'index.html')))
    return 'frontend/dist is not built (npm run build, then rebuild the binary so it embeds the SPA)';
  return null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => ok(port));
    });
  });
}

function run(bin, args, env, log) {
  return new Promise((ok, fail) => {
    const p = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => log.push(String(d)));
    p.stderr.on('data', (d) => log.push(String(d)));
    p.on('error', fail);
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${bin} ${args.join(' ')} exited ${code}:\n${log.join('')}`))));
  });
}

/** The database the browser tests run on: ROZVOJ_BROWSER_DATABASE=postgres, else SQLite; a server of
 * ROZVOJ_TEST_URL brings its own. */
export function browserDatabase() {
  if (process.env.ROZVOJ_TEST_URL) return 'external';
  return process.env.ROZVOJ_BROWSER_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable';

/**
 * A fresh PostgreSQL schema for one server (as the Go tests do, see internal/database/dbtest): created with psql
 * on ROZVOJ_TEST_POSTGRES_URL (default the local server's database "test"), reached through search_path in the
 * URL, dropped when the server stops.
 */
function postgresSchema() {
  const base = process.env.ROZVOJ_TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  const schema = `b_${randomBytes(8).toString('hex')}`;
  const psql = (sql) => execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
  psql(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('search_path', schema);
  return { url: url.toString(), drop: () => psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/**
 * Starts `rozvoj seed demo` then `rozvoj serve` on a free port; resolves when /readyz answers 200. The database is
 * a temporary SQLite file, or with ROZVOJ_BROWSER_DATABASE=postgres a fresh PostgreSQL schema.
 * With ROZVOJ_TEST_URL set, uses that running server instead.
 */
export async function startServer() {
  const password = process.env.ROZVOJ_DEMO_PASSWORD || `Demo-${randomBytes(6).toString('hex')}`;
  if (process.env.ROZVOJ_TEST_URL) {
    return { baseUrl: process.env.ROZVOJ_TEST_URL.replace(/\/$/, ''), password, log: [], stop: async () => {} };
  }
  const bin = binaryPath();
  const dir = mkdtempSync(join(tmpdir(), 'rozvoj-browser-'));
  const port = await freePort();
  const pg = browserDatabase() === 'postgres' ? postgresSchema() : null;
  const env = {
    ...process.env,
    ROZVOJ_DATABASE_URL: pg ? pg.url : `sqlite://${join(dir, 't.db')}`, // sqlite:///tmp/…/t.db
    ROZVOJ_ADDR: `127.0.0.1:${port}`,
    ROZVOJ_DEMO_PASSWORD: password,
    ROZVOJ_SECRET: randomBytes(32).toString('hex'),
  };
  const log = [];
  await run(bin, ['seed', 'demo'], env, log);
  const proc = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  let exited = null;
  proc.on('exit', (code) => (exited = code));

  // localhost, not 127.0.0.1: Chromium treats localhost as secure, so the Secure refresh cookie is kept.
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`rozvoj serve exited ${exited}:\n${log.join('')}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`rozvoj serve did not get ready in 30 s:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    password,
    log,
    stop: async () => {
      if (exited === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
      pg?.drop();
    },
  };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS, headless: true });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page (WCAG 2.x A/AA rules and best practices); returns serious and critical violations.
 * axe is injected with page.evaluate, which the page's CSP (script-src 'self') does not block.
 */
export async function seriousViolations(page) {
  const has = await page.evaluate(() => typeof (/** @type {any} */ (window).axe) !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((/** @type {any} */ v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((/** @type {any} */ n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Formats axe violations for an assertion message. */
export function describeViolations(where, list) {
  return `${where}: ${list.map((v) => `[${v.impact}] ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n  ')}`;
}

/** A valid IČO (8 digits, mod-11 checksum) that is unlikely to exist in the demo data. */
export function randomIco() {
  for (;;) {
    const digits = Array.from({ length: 7 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((s, d, i) => s + d * (8 - i), 0);
    const c = (11 - (sum % 11)) % 10;
    const ico = digits.join('') + c;
    if (!ico.startsWith('000')) return ico;
  }
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/** Runs a browser suite; a missing prerequisite fails it under CI=true and skips it, with the reason, elsewhere. */
export function browserSuite(name, suite) {
  const missing = missingPrerequisite();
  if (missing && process.env.CI === 'true') test(`${name} prerequisites`, () => assert.fail(`CI=true but ${missing}`));
  else if (missing) test(name, { skip: `skipped: ${missing}` }, () => {});
  else suite();
}

/**
 * A fresh context and page (Czech, a desktop unless the options say otherwise) that collects what the console
 * reports, except refused requests (4xx), which the scenarios make on purpose.
 */
export async function openPage(browser, options = {}) {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'cs-CZ', ...given });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: .*status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page, problems };
}

/** Signs in through the sign-in page and waits for the overview. */
export async function signIn(page, server, email) {
  await page.goto(`${server.baseUrl}/prihlaseni`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(server.password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.getByRole('heading', { level: 1, name: /^Dobrý den/ }).waitFor();
}

/** A page of its own, signed in (a context per person, as two people on two computers). */
export async function signedIn(browser, server, email, options = {}) {
  const opened = await openPage(browser, options);
  await signIn(opened.page, server, email);
  return opened;
}

/**
 * Chooses `value` (an option's value, or `{ label }`) in the list filter labelled `label`, then waits until the list
 * the API answered for it is shown.
 * `param` is the filter as it appears in the request's query (`role=methodologist`). Waiting for the answer itself
 * matters: a status line that is not the list's (the export buttons have one too) would let a test read the rows
 * shown before the filter.
 */
export async function filterList(page, label, value, param) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/') && r.url().includes(param));
  await page.getByLabel(label, { exact: true }).selectOption(value);
  await answered;
  await page.waitForFunction(
    () => ![...document.querySelectorAll('[role=status]')].some((s) => s.textContent?.includes('Načítám')),
  );
}

/** axe finds no serious or critical violation once the page has loaded. */
export async function assertAccessible(page, where) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const v = await seriousViolations(page);
  assert.deepEqual(v, [], describeViolations(where, v));
}

/** The page does not scroll sideways (on a 375 px phone). */
export async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where} is ${overflow} px wider than the window`);
}
