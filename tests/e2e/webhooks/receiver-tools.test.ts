import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { doublingSchema } from '../../support/slow-payload-schema';
import { startServer } from '../../support/standin-harness';
import { postWebhook, putJson } from '../../integration/webhooks/receiver-requests';
import { startRawTarget } from '../../integration/webhooks/raw-target';
import { launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

const WHSEC = `whsec_${Buffer.from('dashboard tools key').toString('base64')}`;

let receiver: RunningServer;
let app: Awaited<ReturnType<typeof startRawTarget>>;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  receiver = await startServer('webhooks', { env: { WEBHOOK_FORWARD_RETRY_BASE_MS: '60000' } });
  app = await startRawTarget((request) => (request.path === '/down' ? { status: 503, body: 'app starting' } : { status: 201, headers: { 'x-app': 'yes' }, body: 'app says hi' }));
  browser = await launchBrowser({ width: 1440, height: 1200 });
  page = await browser.context.newPage();
  watch = watchPage(page);
  await page.goto(receiver.url);
  await waitForText(page, '#live-status', 'live');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await receiver?.close();
});

const openEvent = async (eventId: string) => {
  await page.click(`#events-body tr[data-event-id="${eventId}"]`, { timeout: 5000 });
  await waitForText(page, '#detail h2', eventId);
};

describe("the dashboard's forwarding, resend, test events and payload checks", () => {
  it("saves a client's forward URL, shows each forward with the app's answer, and a failing one in the queue", async () => {
    await page.fill('#client-form input[name=client_id]', 'shop');
    await page.fill('#client-form input[name=secret]', WHSEC);
    await page.fill('#client-form input[name=forward_url]', `${app.url}/hook`);
    await page.click('#client-form button[type=submit]');
    await waitForText(page, '#client-message', 'Saved shop.');

    const { json } = await postWebhook(receiver.url, 'shop', '{"type":"order.created"}');
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
    await openEvent(json.event_id);
    await page.waitForSelector('#detail .forwards td .badge[data-tone=ok]');
    const forwards = await page.textContent('#detail .forwards');
    expect(forwards).toContain(`${app.url}/hook`);
    expect(forwards).toContain('delivered');
    expect(forwards).toContain('201');
    expect(app.received.at(-1)?.body.toString()).toBe('{"type":"order.created"}');

    await putJson(`${receiver.url}/webhooks/clients/broken-app`, { forward_url: `${app.url}/down` });
    await postWebhook(receiver.url, 'broken-app', '{"type":"x"}');
    await page.waitForFunction(() => /1 pending/.test(document.querySelector('#forward-counts')?.textContent ?? ''));
    // Queued first, attempted just after: wait for the failed attempt's answer to reach the queue.
    await page.waitForFunction(() => document.querySelector('#forward-queue')?.textContent?.includes('app starting'));
  });

  it('edits an event and resends it re-signed, listing the attempt on the event', async () => {
    const { json } = await postWebhook(receiver.url, 'shop', '{"type":"order.paid"}');
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
    await openEvent(json.event_id);
    await page.fill('#detail .resend-form input[name=target_url]', `${app.url}/resent`);
    await page.selectOption('#detail .resend-form select[name=signing]', 'signed');
    await page.selectOption('#detail .resend-form select[name=scheme]', 'x-webhook-signature');
    await page.fill('#detail .resend-form textarea[name=body]', '{"type":"order.paid","edited":true}');
    await page.click('#detail .resend-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#detail .resend-form [role=status]')?.textContent?.startsWith('answered 201'));
    await page.waitForFunction(() => document.querySelector('#detail table.replays')?.textContent?.includes('resend, signed'));
    const sent = app.received.at(-1)!;
    expect(sent.body.toString()).toBe('{"type":"order.paid","edited":true}');
    expect(sent.headers['x-webhook-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.textContent('body')).not.toContain(String(sent.headers['x-webhook-signature']));
  });

  it('sends an edited, signed test event from a template and shows the answer', async () => {
    await page.selectOption('#trigger-form select[name=template]', 'github.push');
    expect(await page.inputValue('#trigger-form select[name=scheme]')).toBe('github');
    expect(await page.inputValue('#trigger-form textarea[name=headers]')).toContain('X-GitHub-Event: push');
    await page.fill('#trigger-form input[name=target_url]', `${app.url}/github`);
    await page.fill('#trigger-form input[name=secret]', 'gh-secret');
    await page.fill('#trigger-form textarea[name=body]', '{"ref":"refs/heads/edited"}');
    await page.click('#trigger-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#trigger-result')?.textContent?.includes('answered 201'));
    const sent = app.received.at(-1)!;
    expect(sent).toMatchObject({ path: '/github', headers: { 'x-github-event': 'push' } });
    expect(sent.body.toString()).toBe('{"ref":"refs/heads/edited"}');
    expect(await page.textContent('#trigger-result')).not.toContain(String(sent.headers['x-hub-signature-256']));
  });

  it("shows an image API event's payload verdict with ajv's errors, and filters on it", async () => {
    const { json } = await postWebhook(receiver.url, 'images', '{"event_type":"image.failed","job_id":"nope"}');
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
    await openEvent(json.event_id);
    await page.waitForSelector('#detail .payload .badge[data-tone=error]');
    const payload = await page.textContent('#detail .payload');
    expect(payload).toContain("must have required property 'attempts'");
    expect(payload).toContain('imageFailed');
    expect(await page.textContent('#detail')).not.toContain('null');
    await page.selectOption('#filters select[name=payload_check]', 'not_valid');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 1);
    await page.click('#filters button[type=reset]');
  });

  it('shows a payload check stopped at its time limit as not judged, saying why, and filters on it', async () => {
    await putJson(`${receiver.url}/webhooks/clients/slow-schema`, { payload_schema: { json_schema: doublingSchema(20) } });
    const { json } = await postWebhook(receiver.url, 'slow-schema', '{"type":"order.created"}');
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`);
    await openEvent(json.event_id);
    await page.waitForSelector('#detail .payload .badge[data-tone=warn]');
    const payload = await page.textContent('#detail .payload');
    expect(payload).toContain('not judged');
    expect(payload).toContain("the client's JSON Schema reached no verdict, valid or not: the check exceeded 1000 ms");
    await page.selectOption('#filters select[name=payload_check]', 'not_judged');
    await page.waitForFunction(() => document.querySelectorAll('#events-body tr').length === 1);
    expect(await page.getAttribute('#events-body tr', 'data-event-id')).toBe(json.event_id);
    await page.click('#filters button[type=reset]');
  }, 20_000);

  it('ran without script errors, dialogs or CSP violations', () => {
    expect(watch.problems).toEqual([]);
  });
});
