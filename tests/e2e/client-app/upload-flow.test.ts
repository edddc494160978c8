import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Standin } from '../../../src';
import { gradientJpeg } from '../../integration/client-app/sample-files';
import { startStandin } from '../../support/standin-harness';
import { ARTIFACTS_DIR as ARTIFACTS, launchBrowser, waitForText, type Browser } from '../browser';

const RATE_LIMIT = 4;

let standin: Standin;
let workDir: string;
let browser: Browser;
let page: Page;
let jpegPath: string;

beforeAll(async () => {
  // a small hourly limit lets the page's stress test reach it with a handful of uploads
  standin = await startStandin({ servers: ['s3', 'webhooks', 'image-api', 'client'], env: { RATE_LIMIT_PER_HOUR: String(RATE_LIMIT) } });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'client-app-e2e-'));
  jpegPath = path.join(workDir, 'holiday.jpg');
  await writeFile(jpegPath, await gradientJpeg(1600, 1000));
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the client app page, end to end', () => {
  it('uploads a JPEG through the file input and shows the job, every variant and the webhook', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(standin.urls.client!);
    await page.waitForSelector('#token-view:not([hidden])');
    const userId = await page.inputValue('#user-id');
    expect(await page.textContent('#claim-sub')).toBe(userId);
    await page.waitForSelector('#log-state[data-state="live"]');

    await page.setInputFiles('#file-input', jpegPath);
    await page.waitForSelector('#preview:not([hidden])');
    expect(await page.textContent('#file-facts')).toContain('holiday.jpg');

    await page.click('#upload-button');
    await waitForText(page, '#upload-progress-label', 'uploaded');
    expect(await page.$eval('#upload-progress-bar', (bar) => (bar as HTMLElement).style.width)).toBe('100%');
    const jobId = (await page.textContent('#job-id'))!;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

    await page.waitForSelector('#job-status[data-status="completed"]', { timeout: 30_000 });
    await page.waitForFunction(() => {
      const images = Array.from(document.querySelectorAll<HTMLImageElement>('.variant img'));
      return images.length >= 4 && images.every((image) => image.complete && image.naturalWidth > 0);
    }, null, { timeout: 15_000 });
    const rendered = await page.$$eval('.variant', (cards) => cards.map((card) => ({
      name: card.getAttribute('data-variant'),
      naturalWidth: card.querySelector('img')!.naturalWidth,
      meta: card.querySelector('.variant-meta')!.textContent,
    })));
    expect(rendered.map((card) => card.name)).toEqual(expect.arrayContaining(['original', 'thumbnail', 'medium', 'large']));
    expect(rendered.find((card) => card.name === 'original')!.naturalWidth).toBe(1600);
    const thumbnail = rendered.find((card) => card.name === 'thumbnail')!;
    expect(thumbnail.naturalWidth).toBe(150);
    expect(thumbnail.meta).toMatch(/^150 × 94 · \d/);
    expect(await page.textContent('#dominant-hex')).toMatch(/^#[0-9a-f]{6}$/);
    await page.waitForSelector(`#history-rows tr[data-job="${jobId}"]`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'client-app-e2e-result.png'), fullPage: true });

    const event = await processedEventFor(userId, jobId);
    expect(event).toMatchObject({ event_type: 'image.processed', signature_verified: true, payload: { job_id: jobId, status: 'completed' } });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('shows the characters that hide or reorder a file name, in the history and the live log', async () => {
    const reversed = 'invoice\u202Egnp.exe';
    const form = new FormData();
    form.append('user_id', 'bidi-uploader');
    form.append('file', new Blob([new Uint8Array(await gradientJpeg(40, 30))], { type: 'image/jpeg' }), reversed);
    const answer = await fetch(`${standin.urls.client}/api/upload`, { method: 'POST', body: form });
    expect(answer.status).toBe(202);
    const { job_id: jobId } = await answer.json();
    await waitForText(page, `#history-rows tr[data-job="${jobId}"] td:nth-child(3)`, 'invoice<U+202E>gnp.exe', { timeout: 5000 });
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#log .log-message')).some((line) => line.textContent === 'uploading invoice<U+202E>gnp.exe for bidi-uploader'), null, { timeout: 5000 });
    expect(await page.textContent('#log')).not.toContain(reversed);
  });

  it('counts a stress run live from the log stream and shows the Retry-After', async () => {
    const stressUser = await page.inputValue('#stress-user');
    await page.fill('#stress-count', '6');
    await page.fill('#stress-concurrency', '3');
    await page.click('#stress-button');
    await waitForText(page, '#stress-done', '6 / 6', { timeout: 20_000 });
    expect(await page.textContent('#stress-accepted')).toBe(String(RATE_LIMIT));
    expect(await page.textContent('#stress-limited')).toBe('2');
    expect(await page.textContent('#stress-errors')).toBe('0');
    expect(await page.textContent('#stress-retry-after')).toMatch(/^3[56]\d\d s$/);
    await page.waitForFunction(() => document.querySelector('#stress-summary')?.textContent?.includes('rate-limited'));
    // The summary comes with the POST's answer, the log lines over the event stream: the last may come after it.
    await page.waitForFunction(() => document.querySelectorAll('#log li[data-kind="stress.progress"]').length >= 6);
    const progressLines = await page.$$eval('#log li[data-kind="stress.progress"]', (lines) => lines.length);
    expect(progressLines).toBe(6);
    await page.waitForSelector(`#history-rows tr >> text=${stressUser}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'client-app-e2e-stress.png'), fullPage: true });
  }, 60_000);
});

/** The image API delivers webhooks in the background: wait for the receiver to hold this job's. */
async function processedEventFor(clientId: string, jobId: string): Promise<Record<string, unknown> | undefined> {
  const url = `${standin.urls.webhooks}/webhooks/events?client_id=${encodeURIComponent(clientId)}&event_type=image.processed`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { events } = (await (await fetch(url)).json()) as { events: Array<{ payload?: { job_id?: string } }> };
    const event = events.find((candidate) => candidate.payload?.job_id === jobId);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}
