// bo-edit.test.mjs — the back office's editing pages in a real browser, with
// the offices' CSP in force: an admin creates a client (a wrong SIRET and
// phone first: both messages, the input kept), then a site for the client;
// an edit with two invalid fields shows both messages and keeps what was
// typed; two browsers editing one site: the second gets the conflict form
// with both versions, and saving it again applies its input. Every page is
// checked with axe-core and screenshotted (bo-edit-<step>-<viewport>.png).
//
// (Inputs the browser checks itself, an e-mail, are left valid: the server's
// messages are what is tested.)
//
// The page contract: forms by id (client-new, site-new, site-edit), inputs
// by name (the content's paths: "address.postal_code"), the primary buttons
// by their French names, the error summary role="alert".
import assert from 'node:assert/strict';
import { useHarness } from './harness.mjs';

const h = useHarness({ services: ['backoffice'] });
const ADMIN = { user: 'admin@pvi.localhost', password: 'admin-demo-2026' };

async function login(b, page) {
  await b.goto(page, h.url('backoffice', '/login'));
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(ADMIN.user);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await b.navigate(page, () => page.getByRole('button', { name: 'Se connecter', exact: true }).click());
}

const input = (page, form, name) => page.locator(`form#${form} [name="${name}"]`).first();

async function submit(b, page, form, label, status) {
  const button = page.locator(`form#${form}`).getByRole('button', { name: label, exact: true });
  return b.navigate(page, () => button.click(), { status });
}

/** The error summary lists exactly these fields (by their links). */
async function summaryLinks(page) {
  const alert = page.getByRole('alert').first();
  await alert.waitFor({ state: 'visible' });
  return alert.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

h.test('backoffice: a client, a site, an edit with errors, a conflict', async (b) => {
  const page = await b.context.newPage();
  const number = `PJ77${String(Date.now() % 1000000).padStart(6, '0')}`;
  let sitePath;

  await b.step('log in', async () => login(b, page));

  await b.step('a new client with a wrong SIRET and phone', async () => {
    await b.goto(page, h.url('backoffice', '/clients/nouveau'));
    await input(page, 'client-new', 'customer_number').fill(number);
    await input(page, 'client-new', 'company_name').fill('Fromagerie du Marché');
    await input(page, 'client-new', 'siret').fill('123 456 789 00000');
    await input(page, 'client-new', 'email').fill('contact@fromagerie.test');
    await input(page, 'client-new', 'phone').fill('12 34');
    await submit(b, page, 'client-new', 'Créer le client', 422);
    const links = await summaryLinks(page);
    assert.ok(links.includes('#f-siret') && links.includes('#f-phone'), `summary: ${links}`);
    assert.equal(await input(page, 'client-new', 'company_name').inputValue(), 'Fromagerie du Marché');
    assert.equal(await input(page, 'client-new', 'siret').inputValue(), '123 456 789 00000');
    await b.checkA11y(page);
    await b.screenshot(page, 'bo-edit-client-errors');
  });

  await b.step('the client created', async () => {
    await input(page, 'client-new', 'siret').fill('732 829 320 00074');
    await input(page, 'client-new', 'phone').fill('02 99 00 11 22');
    const response = await submit(b, page, 'client-new', 'Créer le client', 200);
    assert.match(new URL(response.url()).pathname, /^\/clients\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Fromagerie du Marché');
    await b.checkA11y(page.url());
    await b.screenshot(page, 'bo-edit-client');
  });

  await b.step('a site for the client', async () => {
    await b.navigate(page, () => page.locator('#client-site-new').click());
    await input(page, 'site-new', 'slug').fill(`fromagerie-${number.toLowerCase()}`);
    await input(page, 'site-new', 'business_name').fill('Fromagerie du Marché');
    await input(page, 'site-new', 'activity').selectOption('Fromagerie');
    await b.checkA11y(page.url());
    const response = await submit(b, page, 'site-new', 'Créer le site', 200);
    sitePath = new URL(response.url()).pathname;
    assert.match(sitePath, /^\/sites\/\d+\/modifier$/);
    await b.checkA11y(page.url());
    await b.screenshot(page, 'bo-edit-form');
  });

  await b.step('an edit with two invalid fields', async () => {
    await input(page, 'site-edit', 'tagline').fill('Affinés dans nos caves');
    await input(page, 'site-edit', 'phones.0.number').fill('08 99 12 34 56');
    await input(page, 'site-edit', 'address.postal_code').fill('35 000');
    await input(page, 'site-edit', 'address.city').fill('Rennes');
    await submit(b, page, 'site-edit', 'Enregistrer', 422);
    const links = await summaryLinks(page);
    assert.deepEqual(links.sort(), ['#f-address.postal_code', '#f-phones.0.number'], `summary: ${links}`);
    assert.equal(await input(page, 'site-edit', 'tagline').inputValue(), 'Affinés dans nos caves');
    assert.equal(await input(page, 'site-edit', 'phones.0.number').inputValue(), '08 99 12 34 56');
    assert.equal(await input(page, 'site-edit', 'address.postal_code').inputValue(), '35 000');
    assert.equal(await input(page, 'site-edit', 'address.city').inputValue(), 'Rennes');
    await b.checkA11y(page);
    await b.screenshot(page, 'bo-edit-errors');
  });

  await b.step('two browsers edit the site: the second gets the conflict form', async () => {
    const other = await b.newContext();
    const second = await other.newPage();
    await login(b, second);
    await b.goto(second, h.url('backoffice', sitePath));
    // the first saves
    await input(page, 'site-edit', 'phones.0.number').fill('02 99 12 34 56');
    await input(page, 'site-edit', 'address.postal_code').fill('35000');
    await submit(b, page, 'site-edit', 'Enregistrer', (s) => s === 200 || s === 404);
    // the second, from the version it was shown
    await input(second, 'site-edit', 'tagline').fill('Fromages fermiers');
    await submit(b, second, 'site-edit', 'Enregistrer', 409);
    const table = second.locator('table.conflict-table');
    await table.waitFor({ state: 'visible' });
    assert.match(await second.locator('#conflict-tagline').innerText(), /Affinés dans nos caves/);
    assert.match(await second.locator('#conflict-tagline').getAttribute('class'), /conflict-differs/);
    assert.equal(await input(second, 'site-edit', 'tagline').inputValue(), 'Fromages fermiers');
    await b.checkA11y(second);
    await b.screenshot(second, 'bo-edit-conflict');
    // saving again applies the second one's input
    const response = await submit(b, second, 'site-edit', 'Enregistrer', (s) => s === 200 || s === 404);
    assert.match(new URL(response.url()).pathname, /^\/sites\/\d+$/);
    await b.goto(second, h.url('backoffice', sitePath));
    assert.equal(await input(second, 'site-edit', 'tagline').inputValue(), 'Fromages fermiers');
  });
});
