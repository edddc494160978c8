import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { gradientJpeg } from '../../integration/client-app/sample-files';
import { startServer } from '../../support/standin-harness';
import { launchBrowser, watchPage, type Browser, type PageWatch } from '../browser';

// The result view shows what the image API at IMAGE_API_URL says: its URLs become images and
// links. One that is no web URL (javascript:, data:) must never become either; the page's policy
// would refuse to run it, but the page should not ask.
const JOB_ID = '6f1c2a0e-8a51-4b7e-9c55-9f2f7d1e0a10';
const RESULT = {
  job_id: JOB_ID, image_id: 'img-hostile', status: 'completed', width: 40, height: 30, format: 'jpeg', size_bytes: 900,
  urls: { original: 'javascript:alert(1)' },
  variants: [
    { name: 'thumbnail', url: 'javascript:alert(2)', width: 20, height: 15, format: 'webp', size_bytes: 100 },
    { name: 'medium', url: 'data:text/html,<script>alert(3)</script>', width: 30, height: 22, format: 'webp', size_bytes: 200 },
  ],
};

/** An image API that accepts an upload, says the job completed, and answers its result with RESULT. */
async function startImageApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'POST') answer(202, { job_id: JOB_ID, image_id: RESULT.image_id, status: 'pending' });
      else if (req.url?.endsWith('/result')) answer(200, RESULT);
      else if (req.url?.includes('/jobs/')) answer(200, { job_id: JOB_ID, status: 'completed', attempts: 1 });
      else answer(200, { status: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

let imageApi: Awaited<ReturnType<typeof startImageApi>>;
let client: RunningServer;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  imageApi = await startImageApi();
  client = await startServer('client', { env: { IMAGE_API_URL: imageApi.url } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await client?.close();
  await imageApi?.close();
});

describe('the client app page, given result URLs that are no web URLs', () => {
  it('makes no image or link of them, and says so for each rendering', async () => {
    await page.goto(client.url);
    await page.waitForSelector('#token-view:not([hidden])');
    await page.setInputFiles('#file-input', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await gradientJpeg(40, 30) });
    await page.click('#upload-button');
    await page.waitForSelector('#result:not([hidden])', { timeout: 10_000 });
    expect(await page.$$eval('#variants figure', (figures) => figures.map((figure) => figure.textContent))).toEqual([
      'original: not an http(s) URL: javascript:alert(1)',
      'thumbnail: not an http(s) URL: javascript:alert(2)',
      'medium: not an http(s) URL: data:text/html,<script>alert(3)</script>',
    ]);
    expect(await page.$$('#variants a, #variants img')).toHaveLength(0);
    expect(watch.problems).toEqual([]);
  });
});
