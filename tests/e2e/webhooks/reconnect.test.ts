import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { postWebhook } from '../../integration/webhooks/receiver-requests';
import { launchBrowser, waitForText, type Browser } from '../browser';

let dataDir: string;
let receiver: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'standin-dashboard-reconnect-'));
  receiver = await startServer('webhooks', { dataDir });
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the webhook dashboard across a restart of the receiver', () => {
  it('shows a delivery that arrived before its live stream reconnected, without a reload', async () => {
    const { url } = receiver;
    await page.goto(url);
    await waitForText(page, '#live-status', 'live');
    await receiver.close();
    await waitForText(page, '#live-status', 'reconnecting…');
    // The page retries every 2 s (the stream's retry:), so this delivery comes before it is back.
    receiver = await startServer('webhooks', { dataDir, port: Number(new URL(url).port) });
    const { json } = await postWebhook(url, 'while-away', '{"event_type":"order.created"}');
    await waitForText(page, '#live-status', 'live');
    await page.waitForSelector(`#events-body tr[data-event-id="${json.event_id}"]`, { timeout: 5_000 });
  });
});
