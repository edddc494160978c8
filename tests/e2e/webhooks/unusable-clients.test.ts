import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { receiverWithKeylessSecrets } from '../../integration/webhooks/keyless-stored-secrets';
import { launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

let stored: { receiver: RunningServer; close(): Promise<void> };
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  stored = await receiverWithKeylessSecrets(['legacy']);
  browser = await launchBrowser({ width: 1440, height: 1000 });
  page = await browser.context.newPage();
  watch = watchPage(page);
  await page.goto(stored.receiver.url);
  await waitForText(page, '#live-status', 'live');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stored?.close();
});

describe("the dashboard's client settings, for a client whose stored settings the receiver refuses", () => {
  it('lists it marked unusable, says why and how to mend it when picked, and lists it in force once saved with a new secret', async () => {
    const chip = page.locator('#configured-clients button', { hasText: 'legacy' });
    await chip.waitFor();
    expect(await chip.textContent()).toContain('unusable');
    const why = await chip.getAttribute('title');
    expect(why).toMatch(/^the stored settings of client legacy cannot be used \(secret: .* PUT new settings \(a new secret, or secret null for WEBHOOK_SECRET\) or DELETE them$/);

    await chip.click();
    await waitForText(page, '#client-message', why!);
    expect(await page.inputValue('#client-form input[name=client_id]')).toBe('legacy');

    await page.fill('#client-form input[name=secret]', 'a-mending-secret');
    await page.click('#client-form button[type=submit]');
    await waitForText(page, '#client-message', 'Saved legacy.');
    expect(await chip.textContent()).not.toContain('unusable');
    expect(watch.problems).toEqual([]);
  });
});
