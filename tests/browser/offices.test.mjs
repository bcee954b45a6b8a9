// offices.test.mjs — the login flow of the three offices in a real browser,
// with the offices' CSP in force: anonymous visit, wrong password, login,
// the account page, logout, and the way back to a protected page. Every page
// is checked with axe-core and screenshotted at desktop and phone widths
// (<build>/browser-screenshots/<office>-<step>-<viewport>.png).
//
// The page contract (see also docs/views.md):
//   GET /login: a <form> posting to /login, fields found by their French
//     labels and named as below, a "Se connecter" button;
//   GET / or /compte without a session: 303 to /login?next=<path>;
//   a successful login: 303 to `next` (or /), a session cookie
//     __Host-…; HttpOnly; Secure; SameSite=Lax; Path=/;
//   signed in: the header names the user, a navigation link "Mon compte" to
//     /compte, a "Se déconnecter" button (a POST form to /logout);
//   a wrong password: the login page again with an error (role="alert") and
//     the identifier typed kept; logout: the login page with a message
//     (role="status" or "alert"), the session revoked.
import assert from 'node:assert/strict';
import { useHarness, redirectChain, responseOf } from './harness.mjs';

const OFFICES = [
  {
    service: 'backoffice',
    idLabel: 'Adresse e-mail', idName: 'email',
    user: 'admin@pvi.localhost', password: 'admin-demo-2026',
  },
  {
    service: 'operator-fo',
    idLabel: 'Identifiant', idName: 'uid',
    user: 'op.martin', password: 'demo-op.martin',
  },
  {
    service: 'client-fo',
    idLabel: 'Numéro client', idName: 'customer_number',
    user: 'PJ00000001', password: 'client-demo-2026',
  },
];

const h = useHarness({ services: OFFICES.map((o) => o.service) });

/** The path and query of an absolute or relative URL, resolved against base. */
function pathOf(url, base) {
  const u = new URL(url, base);
  return u.pathname + u.search;
}

/**
 * Asserts the navigation that ended in `response` went from `from` (a path;
 * its query is compared only if `from` has one) by a 303 to `to`.
 */
async function assertRedirected(response, from, to) {
  const chain = await redirectChain(response);
  const shown = chain.map((c) => `${c.method} ${pathOf(c.url)} ${c.status}`).join(' → ');
  assert.ok(chain.length >= 2, `expected a redirect from ${from} to ${to}, got ${shown}`);
  const first = chain[chain.length - 2];
  assert.equal(first.status, 303, `${from} should answer 303 (${shown})`);
  const firstPath = from.includes('?') ? pathOf(first.url) : new URL(first.url).pathname;
  assert.equal(firstPath, from, `redirect chain ${shown}`);
  assert.equal(pathOf(first.location, first.url), to, `${from} should redirect to ${to} (${shown})`);
  assert.equal(pathOf(response.url()), to, `the browser should end on ${to} (${shown})`);
}

/** The page was sent with the offices' CSP (so the checks below ran under it). */
async function assertCsp(response) {
  const csp = await response.headerValue('content-security-policy');
  assert.match(csp || '', /(^|;)\s*default-src 'self'\s*(;|$)/,
    `${pathOf(response.url())} is sent with Content-Security-Policy: default-src 'self' (got ${JSON.stringify(csp)})`);
}

/** The login form of the page and its parts, checked against the contract. */
async function loginForm(page, office) {
  const id = page.getByLabel(office.idLabel, { exact: true });
  const password = page.getByLabel('Mot de passe', { exact: true });
  await id.waitFor({ state: 'visible' }).catch((e) => {
    throw new assert.AssertionError({
      message: `no visible field labelled "${office.idLabel}" on ${page.url()} ` +
        `(status ${responseOf(page)?.status()}): ${e.message.split('\n')[0]}`,
    });
  });
  assert.equal(await id.getAttribute('name'), office.idName, `the field labelled "${office.idLabel}"`);
  assert.equal(await password.getAttribute('name'), 'password', 'the field labelled "Mot de passe"');
  assert.equal(await password.getAttribute('type'), 'password', 'the password field hides what is typed');
  const form = page.locator('form', { has: id });
  assert.equal(await form.count(), 1, 'one form holds the login fields');
  assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'post', 'the login form posts');
  assert.equal(new URL(await form.getAttribute('action'), page.url()).pathname, '/login', 'the login form posts to /login');
  assert.equal(await form.locator('input[name="password"]').count(), 1, 'the password field is in the login form');
  const submit = form.getByRole('button', { name: 'Se connecter', exact: true });
  await submit.waitFor({ state: 'visible' });
  return { id, password, submit };
}

/** Cookies of the office's origin, by name. */
async function cookieJar(context, base) {
  return new Map((await context.cookies(base)).map((c) => [c.name, c]));
}

for (const office of OFFICES) {
  const name = office.service;

  h.test(`${name}: login, account page, logout`, async (b) => {
    const base = h.url(name, '/');
    const url = (p) => h.url(name, p);
    const shot = (page, step) => b.screenshot(page, `${name}-${step}`);
    let page;
    let loginCookies; // what the login set: the session cookie (and maybe a CSRF one)

    await b.step('anonymous GET / lands on the login page', async () => {
      page = await b.openPage(url('/'));
      await assertRedirected(responseOf(page), '/', '/login?next=%2F');
      await assertCsp(responseOf(page));
      await loginForm(page, office);
      await b.checkA11y(url('/login?next=%2F'));
      await shot(page, 'login');
    });

    await b.step('a wrong password shows an error and keeps the identifier', async () => {
      const form = await loginForm(page, office);
      await form.id.fill(office.user);
      await form.password.fill('not-the-password-2026');
      // The form shown again (200, 401, 422…), never a server error.
      const response = await b.navigate(page, () => form.submit.click(), { status: (s) => s < 500 && s !== 404 && s !== 405 });
      assert.equal(new URL(response.url()).pathname, '/login', 'a failed login stays on the login page');
      await assertCsp(response);
      const alert = page.getByRole('alert');
      await alert.first().waitFor({ state: 'visible' });
      assert.match(await alert.first().innerText(), /\S/, 'the error message has text');
      const again = await loginForm(page, office);
      assert.equal(await again.id.inputValue(), office.user, 'the identifier typed is kept');
      assert.equal(await again.password.inputValue(), '', 'the password is never written back');
      await b.checkA11y(page);
      await shot(page, 'login-error');
    });

    await b.step('the demo account logs in', async () => {
      const form = await loginForm(page, office);
      await form.id.fill(office.user);
      await form.password.fill(office.password);
      const before = await cookieJar(b.context, base);
      const response = await b.navigate(page, () => form.submit.click());
      // next=%2F was carried from the first visit.
      await assertRedirected(response, '/login', '/');
      await assertCsp(response);

      // The session cookie: whatever the login set or changed.
      const after = await cookieJar(b.context, base);
      const set = [...after.values()].filter((c) => before.get(c.name)?.value !== c.value);
      assert.ok(set.length >= 1, `the login sets a session cookie (cookies: ${[...after.keys()].join(', ') || 'none'})`);
      for (const c of set) {
        assert.ok(c.name.startsWith('__Host-'), `cookie ${c.name} has the __Host- prefix`);
        assert.equal(c.httpOnly, true, `cookie ${c.name} is HttpOnly`);
        assert.equal(c.secure, true, `cookie ${c.name} is Secure`);
        assert.equal(c.sameSite, 'Lax', `cookie ${c.name} is SameSite=Lax`);
        assert.equal(c.path, '/', `cookie ${c.name} has Path=/`);
        assert.ok(!c.domain.startsWith('.'), `cookie ${c.name} is host-only (no Domain)`);
        assert.ok(!(await page.evaluate(() => document.cookie)).includes(c.name), `cookie ${c.name} is hidden from scripts`);
      }
      loginCookies = set;
    });

    await b.step('the home page shows who is logged in', async () => {
      const header = page.getByRole('banner');
      await header.waitFor({ state: 'visible' });
      assert.ok((await header.innerText()).includes(office.user), `the header names ${office.user}`);
      const account = page.getByRole('navigation').getByRole('link', { name: 'Mon compte', exact: true }).first();
      await account.waitFor({ state: 'visible' });
      assert.equal(new URL(await account.getAttribute('href'), page.url()).pathname, '/compte', '"Mon compte" links to /compte');
      const logout = page.getByRole('button', { name: 'Se déconnecter', exact: true });
      await logout.waitFor({ state: 'visible' });
      const logoutForm = page.locator('form', { has: logout });
      assert.equal((await logoutForm.getAttribute('method'))?.toLowerCase(), 'post', 'logout is a POST form');
      assert.equal(new URL(await logoutForm.getAttribute('action'), page.url()).pathname, '/logout', 'logout posts to /logout');
      await b.checkA11y(url('/'));
      await shot(page, 'home');
    });

    await b.step('"Mon compte" opens the account page', async () => {
      const account = page.getByRole('navigation').getByRole('link', { name: 'Mon compte', exact: true }).first();
      const response = await b.navigate(page, () => account.click());
      assert.equal(new URL(response.url()).pathname, '/compte', 'the account page is /compte');
      await assertCsp(response);
      assert.ok(page.url().endsWith('/compte'), `the browser is on /compte (${page.url()})`);
      const h1 = page.getByRole('heading', { level: 1 });
      assert.equal(await h1.count(), 1, 'the account page has one h1');
      assert.match(await h1.innerText(), /\S/, 'the h1 has text');
      assert.ok((await page.getByRole('banner').innerText()).includes(office.user), 'the header still names the user');
      await b.checkA11y(url('/compte'));
      await shot(page, 'compte');
    });

    await b.step('"Se déconnecter" logs out', async () => {
      const logout = page.getByRole('button', { name: 'Se déconnecter', exact: true });
      const response = await b.navigate(page, () => logout.click());
      const chain = await redirectChain(response);
      assert.ok(chain.length >= 2 && chain[chain.length - 2].status === 303,
        `POST /logout should answer 303 (${chain.map((c) => `${c.method} ${pathOf(c.url)} ${c.status}`).join(' → ')})`);
      assert.equal(new URL(response.url()).pathname, '/login', 'logout lands on the login page');
      await assertCsp(response);
      const message = page.locator('[role="status"], [role="alert"]').filter({ hasText: /\S/ });
      await message.first().waitFor({ state: 'visible' });
      await loginForm(page, office);
      const jar = await cookieJar(b.context, base);
      assert.ok(loginCookies.some((c) => jar.get(c.name)?.value !== c.value),
        'logout replaces or clears the session cookie');
      await b.checkA11y(page);
      await shot(page, 'logout');
    });

    await b.step('after logout /compte asks to log in again', async () => {
      const response = await b.goto(page, url('/compte'));
      await assertRedirected(response, '/compte', '/login?next=%2Fcompte');
      await assertCsp(response);
      await loginForm(page, office);
      await b.checkA11y(url('/login?next=%2Fcompte'));
      await shot(page, 'login-next');
    });

    await b.step('the session cookie of before the logout is revoked', async () => {
      // The cookie a copy of the browser (or a thief) kept must not work.
      const other = await b.newContext();
      await other.addCookies(loginCookies);
      const stale = await other.newPage();
      const response = await b.goto(stale, url('/compte'));
      await assertRedirected(response, '/compte', '/login?next=%2Fcompte');
    });

    await b.step('logging in from /login?next=%2Fcompte returns to /compte', async () => {
      const form = await loginForm(page, office);
      await form.id.fill(office.user);
      await form.password.fill(office.password);
      const response = await b.navigate(page, () => form.submit.click());
      await assertRedirected(response, '/login', '/compte');
      await assertCsp(response);
      assert.ok((await page.getByRole('banner').innerText()).includes(office.user), 'the header names the user');
      await b.checkA11y(url('/compte'));
      await shot(page, 'compte-after-login');
    });
  });
}
