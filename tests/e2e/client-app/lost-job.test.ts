import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { gradientJpeg } from '../../integration/client-app/sample-files';
import { startServer } from '../../support/standin-harness';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../browser';

// A job the image API no longer knows (here: it restarted with its data in memory) is answered
// 404 for good; the page must say so and stop asking, not check every 5 s for ever.
let s3: RunningServer;
let imageApi: RunningServer;
let client: RunningServer;
let browser: Browser;
let page: Page;
let workDir: string;
let jpegPath: string;

/** A job stays pending while the test restarts the image API under it. */
const startImageApi = (port = 0) => startServer('image-api', {
  port,
  env: { AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: 'http://127.0.0.1:9/{client}', WEBHOOK_MAX_ATTEMPTS: '1', PROCESSING_DELAY_MS: '600000' },
});

beforeAll(async () => {
  s3 = await startServer('s3');
  imageApi = await startImageApi();
  client = await startServer('client', { env: { IMAGE_API_URL: imageApi.url } });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'client-app-lost-job-e2e-'));
  jpegPath = path.join(workDir, 'lost.jpg');
  await writeFile(jpegPath, await gradientJpeg(400, 300));
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await client?.close();
  await imageApi?.close();
  await s3?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the client app page following a job', () => {
  it('stops checking a job the image API answers 404 for, and says so', async () => {
    await page.goto(client.url);
    await page.waitForSelector('#token-view:not([hidden])');
    await page.setInputFiles('#file-input', jpegPath);
    await page.click('#upload-button');
    await page.waitForFunction(() => document.querySelector('#job-polling')?.textContent?.startsWith('checked'));

    const port = Number(new URL(imageApi.url).port);
    await imageApi.close();
    imageApi = await startImageApi(port);

    await page.waitForFunction(() => document.querySelector('#job-polling')?.textContent?.startsWith('stopped'), null, { timeout: 20_000 });
    expect(await page.textContent('#job-polling')).toMatch(/^stopped after \d+ checks: HTTP 404$/);
    expect(await page.isVisible('#job-notice')).toBe(true);
    expect(await page.textContent('#job-notice .notice-title')).toBe('Job not found');
    expect(await page.textContent('#job-notice')).toContain('the page stopped');

    // The longest wait between checks is 5 s: none comes after the final answer.
    const statusChecks: string[] = [];
    page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/api/status/')) statusChecks.push(request.url()); });
    await page.waitForTimeout(6000);
    expect(statusChecks).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'client-app-e2e-lost-job.png'), fullPage: true });
  }, 60_000);
});
