import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { DEFAULT_SECRET, postWebhook, seedSignature } from '../../integration/webhooks/receiver-requests';
import { ARTIFACTS_DIR as ARTIFACTS, launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

const XSS_BODY = '<img src=x onerror=alert(1)>';
const GAMMA_FINGERPRINT = createHash('sha256').update('whsec_gamma').digest('hex').slice(0, 8);

let receiver: RunningServer;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  receiver = await startServer('webhooks');
  browser = await launchBrowser({ width: 1440, height: 1000 });
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

const rows = () => page.$$eval('#events-body tr', (trs) => trs.map((tr) => tr.textContent ?? ''));

describe('the webhook dashboard', () => {
  it('is served with a Content-Security-Policy that allows only its own scripts', async () => {
    const response = await page.goto(receiver.url);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await waitForText(page, '#live-status', 'live');
    expect(await page.textContent('#events-empty')).toContain('No events yet');
  });

  it('shows an event posted while it is open, without a reload', async () => {
    const navigationsBefore = watch.navigations;
    const body = '{"event_type":"image.processed","image_id":"img-live-1"}';
    await postWebhook(receiver.url, 'alpha', body, { 'X-Webhook-Signature': seedSignature(body) });
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 1);
    expect((await rows())[0]).toContain('image.processed');
    expect((await rows())[0]).toContain('valid');
    expect(watch.navigations).toBe(navigationsBefore);
    await waitForText(page, '#stats .tile-value', '1');
  });

  it('renders a body full of HTML as text', async () => {
    const { json } = await postWebhook(receiver.url, 'beta', XSS_BODY, { 'content-type': 'text/html' });
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
    await page.click(`#events-body tr[data-event-id="${json.event_id}"]`);
    await page.waitForSelector('#detail pre.body');
    expect(await page.textContent('#detail pre.body')).toBe(XSS_BODY);
    expect(await page.$$('#detail img')).toHaveLength(0);
    expect(await page.textContent('#detail')).toContain('no signature header');
  });

  it('clears the event shown when its client\'s events are deleted elsewhere, without asking for it again', async () => {
    const { json } = await postWebhook(receiver.url, 'doomed', '{"type":"soon.gone"}');
    await page.click(`#events-body tr[data-event-id="${json.event_id}"]`, { timeout: 5000 });
    await waitForText(page, '#detail h2', json.event_id);
    const problemsBefore = watch.problems.length;
    expect((await fetch(`${receiver.url}/webhooks/events?client_id=doomed`, { method: 'DELETE' })).status).toBe(200);
    await waitForText(page, '#detail', 'That event was deleted.');
    await page.waitForFunction((eventId) => !document.querySelector(`#events-body tr[data-event-id="${eventId}"]`), json.event_id);
    // a fetch of the deleted event would have logged its 404 as a console error
    expect(watch.problems.slice(problemsBefore)).toEqual([]);
  });

  it('shows the characters that hide or reorder text in a sender\'s names, and wraps a long one inside the list', async () => {
    const reversed = 'invoice\u202Egnp.exe';
    const invisible = 'orders\u200B';
    const long = 'L'.repeat(200);
    try {
      const { json } = await postWebhook(receiver.url, encodeURIComponent(reversed), '{"type":"paid\u2066x"}');
      await postWebhook(receiver.url, encodeURIComponent(invisible), '{}');
      await postWebhook(receiver.url, long, '{}');
      await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
      await page.waitForFunction((name) => Array.from(document.querySelectorAll('#events-body td')).some((td) => td.textContent === name), long);
      const cells = await page.$$eval('#events-body td', (tds) => tds.map((td) => td.textContent));
      expect(cells).toEqual(expect.arrayContaining(['invoice<U+202E>gnp.exe', 'orders<U+200B>', 'paid<U+2066>x']));
      const table = await page.$eval('#events-body', (body) => { const wrap = body.closest('.table-wrap')!; return { scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth }; });
      expect(table.scrollWidth).toBeLessThanOrEqual(table.clientWidth);
      await page.click(`#events-body tr[data-event-id="${json.event_id}"]`);
      await waitForText(page, '#detail h2', json.event_id);
      expect(await page.textContent('#detail dl.facts')).toContain('invoice<U+202E>gnp.exe');
    } finally {
      for (const clientId of [reversed, invisible, long]) await fetch(`${receiver.url}/webhooks/events?client_id=${encodeURIComponent(clientId)}`, { method: 'DELETE' });
    }
  });

  it('explains a rejected delivery (received signature, signed string, secret fingerprint, likely mistake) without a signature of its own', async () => {
    const signedBody = '{"event_type":"image.failed","image_id":"img-bad"}';
    const sentBody = JSON.stringify(JSON.parse(signedBody), null, 2);
    const { json } = await postWebhook(receiver.url, 'beta', sentBody, { 'X-Webhook-Signature': seedSignature(signedBody) });
    await page.click(`#events-body tr[data-event-id="${json.event_id}"]`, { timeout: 5000 });
    await waitForText(page, '#detail h2', json.event_id);
    const verdict = await page.textContent('#detail .verdict');
    expect(verdict).toContain('does not match');
    expect(verdict).toContain('Body re-serialised: the signature matches the body re-serialised as compact JSON');
    expect(verdict).toContain(seedSignature(signedBody));
    expect(verdict).toContain(`{body}, ${Buffer.byteLength(sentBody)} bytes`);
    expect(verdict).toContain(`WEBHOOK_SECRET; SHA-256 of the secret starts ${createHash('sha256').update(DEFAULT_SECRET).digest('hex').slice(0, 8)}`);
    expect(await page.textContent('body')).not.toContain(seedSignature(sentBody));
  });

  it('filters by client, signature status and body text', async () => {
    await page.fill('#filters input[name=client_id]', 'beta');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 2);
    await page.selectOption('#filters select[name=verification]', 'invalid');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 1);
    expect((await rows())[0]).toContain('image.failed');
    await page.click('#filters button[type=reset]');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 3);
    await page.fill('#filters input[name=q]', 'img-live');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 1);
    expect((await rows())[0]).toContain('alpha');
    await page.click('#filters button[type=reset]');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 3);
  });

  it('says why the receiver refused the filters (a search or client id too long), and lists none of the events of the filters before', async () => {
    const searchPage = await browser.context.newPage();
    const searchWatch = watchPage(searchPage);
    try {
      await searchPage.goto(receiver.url);
      await searchPage.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 3);
      for (const field of ['q', 'client_id']) {
        await searchPage.fill(`#filters input[name=${field}]`, 'x'.repeat(257));
        await searchPage.waitForSelector('#events-refused:not([hidden])', { timeout: 5000 });
        expect(await searchPage.textContent('#events-refused')).toMatch(new RegExp(`^The filters were refused: Request validation failed: query.${field} must NOT have more than \\d+ characters`));
        expect(await searchPage.$$('#events-body tr')).toHaveLength(0);
        expect(await searchPage.textContent('#events-count')).toBe('');
        await searchPage.fill(`#filters input[name=${field}]`, '');
        await searchPage.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 3);
        expect(await searchPage.isHidden('#events-refused')).toBe(true);
      }
      // the refused requests are the browser's own console lines; no script failed
      expect(searchWatch.problems.filter((problem) => !/Failed to load resource: .* 400/.test(problem))).toEqual([]);
    } finally {
      await searchPage.close();
    }
  });

  it('replays the selected event and lists the attempt', async () => {
    const alphaRow = page.locator('#events-body tr', { hasText: 'alpha' });
    await alphaRow.click();
    await page.waitForSelector('#detail .replay-form');
    await page.click('#detail .replay-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#detail .replay-form [role=status]')?.textContent?.startsWith('answered 200'));
    await page.waitForSelector('#detail table.replays tbody tr');
    // the replay went to this receiver's /webhooks/replayed, so it arrives live as a new event
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#events-body tr')).some((tr) => tr.textContent?.includes('replayed')));
  });

  it('saves per-client settings from the form', async () => {
    await page.fill('#client-form input[name=client_id]', 'gamma');
    await page.selectOption('#client-form select[name=scheme]', 'stripe');
    await page.fill('#client-form input[name=secret]', 'whsec_gamma');
    await page.fill('#client-form input[name=failure_rate]', '0.25');
    await page.click('#client-form button[type=submit]');
    await waitForText(page, '#client-message', 'Saved gamma.');
    expect(await page.textContent('#configured-clients')).toContain('gamma');
    const saved = await (await fetch(`${receiver.url}/webhooks/clients/gamma`)).json();
    expect(saved).toMatchObject({ scheme: 'stripe', secret_set: true, secret_sha256_prefix: GAMMA_FINGERPRINT, response: { failure_rate: 0.25 } });
  });

  it("never shows a client's secret once saved, keeps it when the settings are saved again, and drops it for WEBHOOK_SECRET when asked", async () => {
    await page.reload();
    await page.click('#configured-clients button:has-text("gamma")');
    await waitForText(page, '#client-message', 'Loaded gamma.');
    const secretField = page.locator('#client-form input[name=secret]');
    expect(await secretField.inputValue()).toBe('');
    expect(await secretField.getAttribute('placeholder')).toContain(GAMMA_FINGERPRINT);
    expect(await page.content()).not.toContain('whsec_gamma');

    await page.fill('#client-form input[name=failure_rate]', '0.5');
    await page.click('#client-form button[type=submit]');
    await waitForText(page, '#client-message', 'Saved gamma.');
    const client = async () => (await fetch(`${receiver.url}/webhooks/clients/gamma`)).json();
    expect(await client()).toMatchObject({ secret_sha256_prefix: GAMMA_FINGERPRINT, response: { failure_rate: 0.5 } });

    await page.check('#client-form input[name=global_secret]');
    await page.click('#client-form button[type=submit]');
    await waitForText(page, '#client-message', 'Saved gamma.');
    expect(await client()).toMatchObject({ secret_set: false, secret_sha256_prefix: null });
    expect(await secretField.getAttribute('placeholder')).toBe('WEBHOOK_SECRET');
  });

  it('ran without script errors, dialogs or CSP violations, and looks right', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.locator('#events-body tr', { hasText: 'image.failed' }).click();
    await page.waitForSelector('#detail .verdict');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-dashboard.png'), fullPage: true });
    expect(watch.problems).toEqual([]);
  });
});
