// backoffice.test.mjs — the back office's flows in a real browser, with the
// publisher and internet-fo running beside it:
//   1. production: an admin creates a client and a site for it, assigns the
//      site to op.martin; the operator fills it in and submits it (through
//      libpvi, pvi-test-as-operator, until the operators' office has its
//      pages); the admin compares two revisions and approves; the site then
//      answers on internet-fo under its platform host name.
//   2. a bulk suspension of a selection runs to its report, the real
//      pvi-publisher being the worker: one site of the selection, suspended
//      beforehand from its site page, is refused with libpvi's reason.
//   3. every back-office page, on desktop and phone: axe-core (no serious or
//      critical violation) and a screenshot (backoffice-<page>-<viewport>.png).
// (bo-edit.test.mjs covers the editing forms' errors and conflicts.)
//
// The page contract: forms by id (client-new, site-new, site-assigner,
// site-approuver, site-suspendre, revisions-compare, batch), inputs by name,
// links to a site as /sites/{id}.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { useHarness, VIEWPORTS } from './harness.mjs';

// The public host names are <slug>.<platform domain> (pvi_config's default).
process.env.PVI_PLATFORM_DOMAIN ??= 'pvi.localhost';
const DOMAIN = process.env.PVI_PLATFORM_DOMAIN;

const h = useHarness({ services: ['backoffice', 'publisher', 'internet-fo'] });
const ADMIN = { user: 'admin@pvi.localhost', password: 'admin-demo-2026' };
const OPERATOR = 'op.martin';
const bo = (p) => h.url('backoffice', p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Helpers

async function login(b, page) {
  await b.goto(page, bo('/login'));
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(ADMIN.user);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await b.navigate(page, () => page.getByRole('button', { name: 'Se connecter', exact: true }).click());
}

const field = (page, form, name) => page.locator(`form#${form} [name="${name}"]`).first();

/** Submits form#id by its first action button (the primary one); returns the final response. */
function submit(b, page, form, status = 200) {
  return b.navigate(page, () => page.locator(`form#${form} .actions button[type="submit"]`).first().click(), { status });
}

/** The success flash a post/redirect/get left on the page. */
async function flash(page) {
  const f = page.locator('.flash.flash-success[role="status"]').first();
  await f.waitFor({ state: 'visible' });
  return f.innerText();
}

/** axe-core at both viewports, then the screenshots. */
async function audit(b, page, name) {
  for (const viewport of Object.keys(VIEWPORTS)) await b.checkA11y(page.url(), { viewport });
  await b.screenshot(page, `backoffice-${name}`);
}

/** What the operator does with the site, as pvi-test-as-operator does it. */
function asOperator(slug) {
  const bin = path.join(h.env.PVI_BUILD_DIR, 'tests', 'pvi-test-as-operator');
  return new Promise((resolve, reject) => {
    execFile(bin, [slug, OPERATOR], { env: { ...process.env, PVI_DB_URL: h.env.PVI_DB_URL }, timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${bin} ${slug} ${OPERATOR}: ${err.message}\n${stderr}`))
        : resolve(Number(stdout.trim()))));
  });
}

/** GET / on internet-fo as a visitor of host: { status, body }. */
function publicGet(host) {
  const { port } = new URL(h.url('internet-fo'));
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: host }, timeout: 3000, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Polls check() until it returns {ok: true} (returned), or fails after ms with its last {why}. */
async function eventually(what, check, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok) return last;
    await sleep(250);
  }
  throw new assert.AssertionError({ message: `${what} within ${ms / 1000} s (last: ${last.why})` });
}

const siteId = (href) => Number(new URL(href, 'http://x').pathname.match(/^\/sites\/(\d+)/)[1]);

// ---------------------------------------------------------------------------
// 1. The production flow

// What the next test visits: the client and the site made here.
const made = {};

h.test('backoffice: a client, a site, assigned, filled in, compared, approved, online', async (b) => {
  const page = await b.context.newPage();
  const stamp = String(Date.now() % 1000000).padStart(6, '0');
  const number = `PJ88${stamp}`;
  const slug = `poterie-${stamp}`;
  const name = `Poterie des Remparts ${stamp}`;

  await b.step('log in', () => login(b, page));

  await b.step('the client created', async () => {
    await b.goto(page, bo('/clients/nouveau'));
    await field(page, 'client-new', 'customer_number').fill(number);
    await field(page, 'client-new', 'company_name').fill('Poterie des Remparts SARL');
    await field(page, 'client-new', 'siret').fill('356 000 000 00048');
    await field(page, 'client-new', 'email').fill('contact@poterie.test');
    await field(page, 'client-new', 'phone').fill('02 99 00 11 22');
    const response = await submit(b, page, 'client-new');
    assert.match(new URL(response.url()).pathname, /^\/clients\/\d+$/);
    made.client = new URL(response.url()).pathname;
  });

  await b.step('a site for the client', async () => {
    const clientId = made.client.split('/').pop();
    await b.goto(page, bo(`/sites/nouveau?client=${clientId}`));
    await field(page, 'site-new', 'slug').fill(slug);
    await field(page, 'site-new', 'business_name').fill(name);
    await field(page, 'site-new', 'activity').selectOption({ index: 1 });
    const response = await submit(b, page, 'site-new');
    assert.match(new URL(response.url()).pathname, /^\/sites\/\d+\/modifier$/);
    made.site = siteId(response.url());
    made.slug = slug;
    // the admin picks the charter in the content form it lands on
    await field(page, 'site-edit', 'charter').fill('terroir');
    const saved = await submit(b, page, 'site-edit');
    assert.equal(new URL(saved.url()).pathname, `/sites/${made.site}`);
  });

  await b.step('assigned to op.martin', async () => {
    await b.goto(page, bo(`/sites/${made.site}`));
    const select = field(page, 'site-assigner', 'operator_id');
    const value = await select.locator('option').evaluateAll((os, uid) =>
      os.find((o) => o.textContent.includes(`(${uid})`))?.value, OPERATOR);
    assert.ok(value, `${OPERATOR} is offered in #site-assigner`);
    await select.selectOption(value);
    const response = await submit(b, page, 'site-assigner');
    assert.equal(new URL(response.url()).pathname, `/sites/${made.site}`);
    assert.ok((await flash(page)).trim().length > 0);
    assert.match(await page.locator('main').innerText(), new RegExp(OPERATOR.replace('.', '\\.')));
  });

  await b.step('the operator fills it in and submits it', async () => {
    const version = await asOperator(slug);
    assert.ok(version > 1, `pvi-test-as-operator printed a version (${version})`);
  });

  await b.step('the admin compares revision 1 with the latest', async () => {
    await b.goto(page, bo(`/sites/${made.site}`));
    const last = await field(page, 'revisions-compare', 'b').inputValue();
    assert.ok(Number(last) > 1, `the latest revision (${last}) is after the first`);
    await field(page, 'revisions-compare', 'a').selectOption('1');
    const response = await submit(b, page, 'revisions-compare');
    const url = new URL(response.url());
    assert.equal(url.pathname, `/sites/${made.site}/revisions`);
    assert.equal(url.searchParams.get('a'), '1');
    assert.equal(url.searchParams.get('b'), last);
    made.diff = url.pathname + url.search;
    // the operator's content is on the "after" side
    assert.match(await page.locator('table.diff').innerText(), /Pains au levain/);
    assert.match(await page.locator('td.diff-after').allInnerTexts().then((t) => t.join('\n')), /Pains au levain/);
  });

  await b.step('approved', async () => {
    await b.goto(page, bo(`/sites/${made.site}`));
    const response = await submit(b, page, 'site-approuver');
    assert.equal(new URL(response.url()).pathname, `/sites/${made.site}`);
    assert.ok((await flash(page)).trim().length > 0);
    assert.equal(await page.locator('form#site-approuver').count(), 0, 'no approval offered any more');
  });

  await b.step('the site answers on internet-fo', async () => {
    const host = `${slug}.${DOMAIN}`;
    await eventually(`http://${host}/ answering 200 with "${name}"`, async () => {
      try {
        const r = await publicGet(host);
        return { ok: r.status === 200 && r.body.includes(name), why: `status ${r.status}, ${r.body.replace(/\s+/g, " ").slice(0, 300)}` };
      } catch (e) {
        return { ok: false, why: e.message };
      }
    });
  });
});

// ---------------------------------------------------------------------------
// 2. A bulk suspension to its report

// "pizzeria" selects two sites of the demo data, both online.
const WORD = 'pizzeria';

/** The site list searched with these criteria through its form #site-search. */
async function searchSites(b, page, { q, state }) {
  await b.goto(page, bo('/sites'));
  await field(page, 'site-search', 'q').fill(q);
  await field(page, 'site-search', 'state').selectOption(state);
  await submit(b, page, 'site-search');
  return page.locator('#site-list a[href^="/sites/"]');
}

h.test('backoffice: a bulk suspension of a selection runs to its report', async (b) => {
  const page = await b.context.newPage();
  let refusedName;

  await b.step('log in', () => login(b, page));

  await b.step('one site of the selection suspended first, from its page', async () => {
    const links = await searchSites(b, page, { q: WORD, state: 'online' });
    assert.equal(await links.count(), 2, `the online sites matching "${WORD}"`);
    refusedName = (await links.first().innerText()).trim();
    await b.navigate(page, () => links.first().click());
    await field(page, 'site-suspendre', 'reason').fill('Impayé de novembre');
    const response = await submit(b, page, 'site-suspendre');
    assert.match(new URL(response.url()).pathname, /^\/sites\/\d+$/);
    assert.equal(await page.locator('form#site-suspendre').count(), 0, 'the site is no longer online');
  });

  await b.step('the selection, its confirmation page and its submission', async () => {
    // every state: the site just suspended stays in the selection
    const links = await searchSites(b, page, { q: WORD, state: '' });
    assert.equal(await links.count(), 2, `the sites matching "${WORD}"`);
    await b.navigate(page, () => page.locator('#site-list-batch-suspend').click());
    assert.equal(new URL(page.url()).pathname, '/lots/nouveau');
    assert.match(await page.locator('main').innerText(), new RegExp(refusedName));
    await field(page, 'batch', 'reason').fill('Fermeture administrative du secteur');
    const response = await submit(b, page, 'batch');
    assert.match(new URL(response.url()).pathname, /^\/lots\/\d+$/);
    made.batch = new URL(response.url()).pathname;
  });

  await b.step('the progress page reloads itself until the action is finished', async () => {
    const refresh = page.locator('meta[http-equiv="refresh"]');
    const deadline = Date.now() + 30_000;
    // the page reloads itself every few seconds while the action runs
    while (!(await page.getByText("L'action est terminée.", { exact: true }).count())) {
      assert.ok(Date.now() < deadline, 'the batch finished within 30 s');
      assert.equal(await refresh.count(), 1, 'a running batch page refreshes itself');
      // (a reload that ended before this wait began is seen by the next count)
      await page.waitForEvent('load', { timeout: 5_000 }).catch(() => {});
    }
    assert.equal(new URL(page.url()).pathname, made.batch);
    assert.equal(await refresh.count(), 0, 'a finished batch page no longer refreshes');
    const row = page.locator('main table tr', { hasText: refusedName });
    await row.waitFor({ state: 'visible' });
    assert.match(await row.innerText(), /Seul un site en ligne peut être suspendu\./);
    assert.equal(await page.locator('main table tr', { hasText: 'Seul un site en ligne' }).count(), 1,
      'only that site was refused');
  });
});

// ---------------------------------------------------------------------------
// 3. Every page, desktop and phone

h.test('backoffice: every page passes axe-core on desktop and phone', async (b) => {
  assert.ok(made.site && made.diff && made.client && made.batch, 'the flows above made a site, a client and a batch');
  const page = await b.context.newPage();
  await login(b, page);
  const visit = async (name, url) => b.step(name, async () => {
    await b.goto(page, bo(url));
    await audit(b, page, name);
  });
  await visit('dashboard', '/');
  await visit('sites', `/sites?q=${WORD}`);
  await visit('site', `/sites/${made.site}`);
  await visit('diff', made.diff);
  await visit('client', made.client);
  await visit('requests', '/demandes');
  await visit('operators', '/operateurs');
  await visit('charters', '/chartes');
  await b.step('charter-preview', async () => {
    // the site to preview, chosen on the charters page
    await field(page, 'charte-site', 'site').fill(made.slug);
    await submit(b, page, 'charte-site');
    const preview = page.locator('main a[href^="/chartes/"][href*="/apercu/"]').first();
    await b.navigate(page, () => preview.click());
    await audit(b, page, 'charter-preview');
  });
  await visit('admins', '/comptes');
  await visit('apikeys', '/cles');
  await visit('batches', '/lots');
  await visit('batch', made.batch);
});
