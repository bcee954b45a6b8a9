// harness.mjs — what the browser tests share: the test environment that
// `make check` exports, a fresh database with the demo data, the offices
// started as processes on free loopback ports, one headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core), and the page checks:
// accessibility (axe-core), screenshots, console errors and CSP violations.
//
//   import { useHarness } from './harness.mjs';
//   const h = useHarness({ services: ['backoffice'] });   // before/after hooks
//   h.test('name', async (b) => {
//     const page = await b.openPage(h.url('backoffice', '/login'));
//     await b.checkA11y(page);                 // or a URL: a fresh GET
//     await b.screenshot(page, 'backoffice-login');
//   });
//
// Nothing is skipped: a missing variable, an unreachable server, a service
// that does not come up or a browser that does not start fails every test,
// with the reason. Services are stopped with SIGTERM at the end (SIGKILL if
// the run dies), and one that exits non-zero (a sanitizer report) fails too.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

// Playwright's error messages without terminal colours (they go to logs).
process.env.FORCE_COLOR ??= '0';

export const CHROMIUM = '/usr/bin/chromium';
// Chromium must not try to reach anything but this machine.
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
};
const CONTEXT_OPTIONS = {
  viewport: VIEWPORTS.desktop,
  deviceScaleFactor: 1,
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
  colorScheme: 'light',
  reducedMotion: 'reduce',
  serviceWorkers: 'block',
};
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

// What `make check` gives a test: meson's test_env (tests/meson.build) and
// the servers' settings that scripts/check.sh exports (services.env).
export const REQUIRED_ENV = [
  'PVI_SOURCE_DIR', 'PVI_BUILD_DIR', 'PVI_SCHEMA_DIR', 'PVI_XSL_DIR', 'PVI_CONTENT_DIR',
  'PVI_DB_URL', 'PVI_REDIS_HOST', 'PVI_REDIS_PORT',
  'PVI_LDAP_URI', 'PVI_LDAP_BASE_DN', 'PVI_LDAP_BIND_DN', 'PVI_LDAP_BIND_PASSWORD', 'PVI_LDAP_GROUP_DN',
];

/** The test environment; throws naming every missing variable. */
export function readEnv(env = process.env) {
  const missing = REQUIRED_ENV.filter((k) => !env[k]);
  if (missing.length)
    throw new Error(`environment variable(s) ${missing.join(', ')} not set: run the browser tests ` +
      'with `CHECK_SUITES=browser make check` (scripts/check.sh starts the servers and exports them)');
  const out = {};
  for (const k of REQUIRED_ENV) out[k] = env[k];
  return out;
}

const state = {
  env: null,
  browser: null,
  services: new Map(), // name → { name, port, child, stderr, exited, exit }
  screenshotDir: null,
  logDir: null,
  axePath: null,
};

// ---------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(text, lines = 30) {
  const all = text.trimEnd().split('\n');
  const shown = all.slice(-lines).map((l) => '    ' + l).join('\n');
  return text.trim() ? shown : '    (nothing)';
}

function run(file, args, { timeout = 120_000, input, label = `${file} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const why = err.code === 'ENOENT' ? 'not found' : err.killed ? `killed after ${timeout} ms` : `exit ${err.code}`;
        reject(new Error(`${label}: ${why}\n${tail(stderr || stdout || '')}`));
      } else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 1000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------
// The servers that make check started: each must answer, or everything fails.

/** Sends one inline command to Redis; resolves when it answers `expect` (+PONG, +OK). */
function redisCommand(host, port, command, expect) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port: Number(port) });
    let got = '';
    const fail = (why) => {
      sock.destroy();
      reject(new Error(`Redis at ${host}:${port}, ${command}: ${why}`));
    };
    sock.setTimeout(3000, () => fail('no answer within 3 s'));
    sock.on('error', (e) => fail(`unreachable (${e.code || e.message})`));
    sock.on('connect', () => sock.write(`${command}\r\n`));
    sock.on('data', (d) => {
      got += d;
      if (got.includes('\r\n')) {
        sock.end();
        got.startsWith(expect) ? resolve() : fail(`answered ${JSON.stringify(got.trim())}`);
      }
    });
  });
}

async function checkServers(env) {
  const checks = [
    run('psql', ['-X', '-q', '-At', '-d', env.PVI_DB_URL, '-c', 'SELECT 1'], { timeout: 10_000 })
      .catch((e) => { throw new Error(`PostgreSQL (PVI_DB_URL=${env.PVI_DB_URL}) is unreachable: ${e.message}`); }),
    redisCommand(env.PVI_REDIS_HOST, env.PVI_REDIS_PORT, 'PING', '+PONG'),
    run('ldapsearch', ['-x', '-LLL', '-H', env.PVI_LDAP_URI, '-D', env.PVI_LDAP_BIND_DN,
      '-w', env.PVI_LDAP_BIND_PASSWORD, '-o', 'nettimeout=3', '-l', '3',
      '-b', env.PVI_LDAP_BASE_DN, '-s', 'base', 'dn'], { timeout: 10_000, label: `ldapsearch (bound as ${env.PVI_LDAP_BIND_DN})` })
      .catch((e) => { throw new Error(`the LDAP directory (PVI_LDAP_URI=${env.PVI_LDAP_URI}) is unreachable: ${e.message}`); }),
  ];
  const results = await Promise.allSettled(checks);
  const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  if (errors.length) throw new Error(errors.join('\n'));
}

// ---------------------------------------------------------------------------
// Database: an empty public schema, the migrations, the demo data set; and
// what the publications of an earlier run left (the published documents in
// Redis and PVI_CONTENT_DIR, keyed by site ids that the fresh data set
// gives again to other sites).

async function prepareDatabase(env) {
  // Test-only, as in tests/common/testenv.c: the product offers no wipe.
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', env.PVI_DB_URL, '-c',
    'SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
  await redisCommand(env.PVI_REDIS_HOST, env.PVI_REDIS_PORT, 'FLUSHDB', '+OK');
  fs.rmSync(env.PVI_CONTENT_DIR, { recursive: true, force: true });
  fs.mkdirSync(env.PVI_CONTENT_DIR, { recursive: true });
  const pvictl = path.join(env.PVI_BUILD_DIR, 'pvictl', 'pvictl');
  await run(pvictl, ['migrate']);
  // admin@pvi.localhost, client PJ00000001 and ~300 sites (operators are in LDAP).
  await run(pvictl, ['seed', '--demo'], { timeout: 180_000 });
}

// ---------------------------------------------------------------------------
// Service processes

export function portVariable(service) {
  return `PVI_${service.toUpperCase().replace(/-/g, '_')}_PORT`;
}

async function startService(name) {
  const env = state.env;
  const bin = path.join(env.PVI_BUILD_DIR, name, `pvi-${name}`);
  if (!fs.existsSync(bin)) throw new Error(`${bin} does not exist: build it first (make check does)`);
  const port = await freePort();
  const log = fs.createWriteStream(path.join(state.logDir, `${name}.log`));
  const svc = { name, port, stderr: '', exited: false, exit: null, log };
  const child = spawn(bin, [], {
    env: { ...process.env, [portVariable(name)]: String(port), PVI_LISTEN_ADDR: '127.0.0.1', PVI_SHUTDOWN_GRACE_S: '5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  svc.child = child;
  const keep = (d) => {
    svc.stderr = (svc.stderr + d).slice(-(1 << 20));
    log.write(d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  svc.exitPromise = new Promise((resolve) => {
    child.on('error', (e) => { svc.exited = true; svc.exit = `could not start (${e.message})`; resolve(); });
    child.on('exit', (code, signal) => {
      svc.exited = true;
      svc.exit = signal ? `killed by ${signal}` : `exit ${code}`;
      svc.code = code;
      resolve();
    });
  });
  state.services.set(name, svc);

  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (svc.exited)
      throw new Error(`${name} stopped before answering /healthz (${svc.exit}); its output:\n${tail(svc.stderr)}`);
    try {
      const status = await httpStatus(port, '/healthz');
      if (status === 200) return svc;
      last = `status ${status}`;
    } catch (e) {
      last = e.code || e.message;
    }
    await sleep(100);
  }
  throw new Error(`${name} did not answer 200 on http://127.0.0.1:${port}/healthz within ` +
    `${START_TIMEOUT_MS / 1000} s (last: ${last}); its output:\n${tail(svc.stderr)}`);
}

async function stopService(svc) {
  let problem = null;
  if (svc.exited) {
    problem = `${svc.name} stopped during the tests (${svc.exit})`;
  } else {
    svc.child.kill('SIGTERM');
    let timer;
    const stopped = await Promise.race([
      svc.exitPromise.then(() => true),
      new Promise((r) => { timer = setTimeout(() => r(false), STOP_TIMEOUT_MS); }),
    ]);
    clearTimeout(timer);
    if (!stopped) {
      svc.child.kill('SIGKILL');
      await svc.exitPromise;
      problem = `${svc.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`;
    } else if (svc.code !== 0) {
      problem = `${svc.name} ended with ${svc.exit} after SIGTERM`;
    }
  }
  await new Promise((r) => svc.log.end(r));
  state.services.delete(svc.name);
  return problem && `${problem}; its output (${path.join(state.logDir, svc.name + '.log')}) ends with:\n${tail(svc.stderr)}`;
}

// Whatever happens to this process, no service outlives it.
process.on('exit', () => {
  for (const svc of state.services.values()) if (!svc.exited) svc.child.kill('SIGKILL');
});

// ---------------------------------------------------------------------------
// Pages: console errors, CSP violations, navigations

// Runs in every page before its own scripts (injected by the browser, not
// subject to the page's CSP); the console listener below records it.
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' refused ' + (e.blockedURI || '(inline)') +
    ' in ' + (e.sourceFile || e.documentURI) + (e.lineNumber ? ':' + e.lineNumber : '') +
    (e.disposition === 'report' ? ' (report-only)' : ''));
}, true);`;

const lastNavigation = new WeakMap(); // page → final Response of its last navigation
const accepted = new WeakMap(); // page → Set of URLs whose error status a test accepted

// Problems are kept as { page, text, loadFailure } and judged when the test
// ends (pendingProblems), when the statuses the test accepted are known.
function watch(page, problems, where) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const text = `${where()}console error on ${page.url()}: ${msg.text()}` +
      (loc.url && loc.url !== page.url() ? ` (${loc.url}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '');
    const loadFailure = /^Failed to load resource: the server responded with a status of/.test(msg.text());
    problems.push({ page, text, loadFailure, url: loc.url });
  });
  page.on('pageerror', (err) => problems.push({ page, text: `${where()}uncaught exception on ${page.url()}: ${err.message}` }));
  page.on('crash', () => problems.push({ page, text: `${where()}the page ${page.url()} crashed` }));
}

/**
 * The console errors, CSP violations and uncaught exceptions that count:
 * not Chromium's report of a document answered with an error status that
 * the test asked for (a form shown again with 401), nor of the /favicon.ico
 * it asks for by itself when a page names no icon.
 */
function pendingProblems(problems) {
  return problems.filter((p) => {
    if (!p.loadFailure) return true;
    if (accepted.get(p.page)?.has(p.url)) return false;
    try {
      return new URL(p.url).pathname !== '/favicon.ico';
    } catch {
      return true;
    }
  }).map((p) => p.text);
}

async function newWatchedContext(problems, where, options = {}) {
  if (!state.browser) throw new Error('the browser is not running (the harness set-up failed)');
  const context = await state.browser.newContext({ ...CONTEXT_OPTIONS, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  await context.addInitScript({ content: CSP_LISTENER });
  context.on('page', (page) => watch(page, problems, where));
  return context;
}

function statusMatches(expect, status) {
  if (expect === undefined || expect === null) return true;
  if (typeof expect === 'function') return expect(status);
  if (Array.isArray(expect)) return expect.includes(status);
  return status === expect;
}

/** The requests of a navigation, first to last: [{method, url, status, location}]. */
export async function redirectChain(response) {
  const chain = [];
  for (let req = response.request(); req; req = req.redirectedFrom()) {
    const r = await req.response();
    chain.unshift({
      method: req.method(),
      url: req.url(),
      status: r ? r.status() : 0,
      location: r ? await r.headerValue('location') : null,
    });
  }
  return chain;
}

function describeChain(chain) {
  return chain.map((c) => `${c.method} ${c.url} → ${c.status}${c.location ? ' ' + c.location : ''}`).join(', then ');
}

async function settle(page, response, expect) {
  lastNavigation.set(page, response);
  if (!statusMatches(expect, response.status())) {
    throw new assert.AssertionError({
      message: `unexpected status ${response.status()} (expected ${typeof expect === 'function' ? 'another' : JSON.stringify(expect)}): ` +
        describeChain(await redirectChain(response)),
    });
  }
  if (response.status() >= 400) {
    if (!accepted.has(page)) accepted.set(page, new Set());
    accepted.get(page).add(response.url());
  }
  return response;
}

/** The final response of the page's last navigation made through this harness. */
export function responseOf(page) {
  return lastNavigation.get(page);
}

/**
 * Opens url in a new page of context and waits for it to load. The final
 * status (after redirects) must be `status` (a number, a list, a predicate;
 * default 200). Returns the page; responseOf(page) is its response.
 */
export async function openPage(context, url, { status = 200 } = {}) {
  const page = await context.newPage();
  await goto(page, url, { status });
  return page;
}

/** page.goto with the same status check as openPage; returns the response. */
export async function goto(page, url, { status = 200 } = {}) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${url}`);
  return settle(page, response, status);
}

/**
 * Runs action (a click, a submission) and waits for the navigation it causes
 * to load: returns its final response (redirectChain() shows the way there).
 */
export async function navigate(page, action, { status = 200 } = {}) {
  const final = page.waitForResponse((r) => r.request().isNavigationRequest() &&
    r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400));
  const loaded = page.waitForEvent('load');
  // If the action itself fails, these two must not reject unobserved later.
  final.catch(() => {});
  loaded.catch(() => {});
  await action();
  const response = await final;
  await loaded;
  return settle(page, response, status);
}

// ---------------------------------------------------------------------------
// Accessibility

function axeSource() {
  if (!state.axePath) state.axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  return state.axePath;
}

/**
 * Runs axe-core on a page as the user of `context` sees it, in a separate
 * context that bypasses CSP (the offices' `default-src 'self'` refuses the
 * injected script; the test's own context keeps the CSP). It carries the
 * test context's cookies. `target` is a URL (fetched again with those
 * cookies) or a Page, whose current document (e.g. a form shown again after
 * a POST) is served at its URL in the checking context, its CSS and images
 * coming from the server. `viewport` names one of VIEWPORTS (desktop by
 * default). Fails on any serious or critical violation; returns the minor
 * and moderate ones.
 */
export async function checkA11y(context, target, { viewport = 'desktop' } = {}) {
  if (!state.browser) throw new Error('the browser is not running (the harness set-up failed)');
  if (!VIEWPORTS[viewport]) throw new Error(`no viewport named ${viewport}`);
  const a11y = await state.browser.newContext({ ...CONTEXT_OPTIONS, viewport: VIEWPORTS[viewport], bypassCSP: true });
  a11y.setDefaultTimeout(ACTION_TIMEOUT_MS);
  a11y.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  try {
    await a11y.addCookies(await context.cookies());
    const page = await a11y.newPage();
    let url;
    if (typeof target === 'string') {
      url = target;
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response || response.status() >= 400)
        throw new Error(`accessibility check of ${url}: status ${response ? response.status() : 'none'}`);
    } else {
      url = target.url();
      const html = await target.content();
      await page.route((u) => u.href === url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), { times: 1 });
      await page.goto(url, { waitUntil: 'load' });
    }
    await page.addScriptTag({ path: axeSource() });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }));
    });
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (blocking.length) {
      const lines = blocking.map((v) => `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n` +
        v.nodes.map((n) => `      at ${n.target}: ${(n.summary || '').replace(/\n\s*/g, ' ')}`).join('\n'));
      throw new assert.AssertionError({
        message: `accessibility: ${blocking.length} serious or critical violation(s) on ${url} (${viewport}):\n${lines.join('\n')}`,
      });
    }
    return violations.filter((v) => !blocking.includes(v));
  } finally {
    await a11y.close();
  }
}

// ---------------------------------------------------------------------------
// Screenshots

/**
 * Full-page PNGs of the page at every viewport, in
 * <build>/browser-screenshots/<name>-<viewport>.png. Returns their paths.
 */
export async function screenshot(page, name) {
  if (!state.screenshotDir) throw new Error('the harness is not set up');
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const original = page.viewportSize();
  const paths = [];
  try {
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      const file = path.join(state.screenshotDir, `${safe}-${viewport}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      paths.push(file);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return paths;
}

// ---------------------------------------------------------------------------
// Set-up and tear-down

/**
 * Registers the run's set-up (environment, servers, database, services,
 * Chromium) and tear-down with node:test; returns { env, url(), test() }.
 */
export function useHarness({ services }) {
  before(async () => {
    const env = readEnv();
    state.env = env;
    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
      axeSource();
    } catch (e) {
      throw new Error(`playwright-core or axe-core is missing from tests/browser/node_modules ` +
        `(scripts/browser-deps.sh installs them; make check runs it): ${e.message}`);
    }
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} does not exist: scripts/browser-deps.sh installs Debian's chromium`);
    state.screenshotDir = path.join(env.PVI_BUILD_DIR, 'browser-screenshots');
    state.logDir = path.join(env.PVI_BUILD_DIR, 'browser-logs');
    // Not emptied here: every test file runs this set-up in its own process,
    // and would remove the screenshots of the files before it (check.sh
    // empties the folder before the suite).
    fs.mkdirSync(state.screenshotDir, { recursive: true });
    fs.mkdirSync(state.logDir, { recursive: true });

    await checkServers(env);
    await prepareDatabase(env);
    // One at a time: their start-up errors stay readable.
    for (const name of services) await startService(name);
    try {
      state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    } catch (e) {
      throw new Error(`Chromium (${CHROMIUM}) did not start: ${e.message}`);
    }
  });

  after(async () => {
    const problems = [];
    if (state.browser) {
      await state.browser.close().catch((e) => problems.push(`closing Chromium: ${e.message}`));
      state.browser = null;
    }
    const stopped = await Promise.all([...state.services.values()].map(stopService));
    problems.push(...stopped.filter(Boolean));
    if (problems.length) throw new Error(problems.join('\n'));
  });

  return {
    get env() { return state.env; },
    /** http://127.0.0.1:<port of service><path> */
    url(service, urlPath = '/') {
      const svc = state.services.get(service);
      if (!svc) throw new Error(`${service} is not running`);
      return `http://127.0.0.1:${svc.port}${urlPath}`;
    },
    /**
     * A node:test test with a fresh browser context (the offices' CSP kept).
     * fn(b, t) gets b = { context, openPage(url), goto(page, url), navigate(page, action),
     * checkA11y(target, {viewport}), screenshot(page, name), newContext(), step(label, fn) }.
     * The test fails if any of its pages logged a console error or a CSP
     * violation; on failure its open pages are screenshotted (<name>-failed-<n>).
     */
    test(name, fn) {
      nodeTest(name, async (t) => {
        const problems = [];
        let label = '';
        const where = () => (label ? `[${label}] ` : '');
        const contexts = [];
        const newContext = async (options) => {
          const c = await newWatchedContext(problems, where, options);
          contexts.push(c);
          return c;
        };
        const context = await newContext();
        const b = {
          context,
          newContext,
          openPage: (url, opts) => openPage(context, url, opts),
          goto,
          navigate,
          screenshot,
          checkA11y: async (target, opts) => {
            for (const v of await checkA11y(context, target, opts))
              t.diagnostic(`${where()}accessibility (${v.impact}): ${v.id} — ${v.help} (${v.nodes.length} element(s))`);
          },
          async step(stepLabel, stepFn) {
            label = stepLabel;
            try {
              return await stepFn();
            } catch (e) {
              if (e && typeof e.message === 'string') e.message = `[${stepLabel}] ${e.message}`;
              throw e;
            }
          },
        };
        let error = null;
        try {
          await fn(b, t);
        } catch (e) {
          error = e;
        }
        if (error) {
          let n = 0;
          for (const c of contexts)
            for (const p of c.pages())
              await p.screenshot({ path: path.join(state.screenshotDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-failed-${++n}.png`), fullPage: true })
                .catch(() => {});
        }
        for (const c of contexts) await c.close().catch(() => {});
        const counted = pendingProblems(problems);
        if (counted.length) {
          const msg = `${counted.length} console error(s) or CSP violation(s):\n  ${counted.join('\n  ')}`;
          if (error) error.message += `\n${msg}`;
          else error = new assert.AssertionError({ message: msg });
        }
        if (error) throw error;
      });
    },
  };
}
