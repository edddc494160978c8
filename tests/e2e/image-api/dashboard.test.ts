import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { imageForm, smallPng, tokenFor, upload } from '../../integration/image-api/image-api-requests';
import { ARTIFACTS_DIR as ARTIFACTS, launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

const XSS = '<img src=x onerror=alert(1)>';
const HOSTILE_BUCKET = 'hostile-bucket';
const RATE_LIMIT = 3;

/**
 * S3 as the image API sees it: the S3 mock, except for one bucket that does not exist and whose
 * CreateBucket is refused with an error message full of HTML. The SDK's error message becomes the
 * job's error, so the dashboard has to show server-supplied markup.
 */
async function startHostileS3(upstream: string) {
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith(`/${HOSTILE_BUCKET}`)) {
      req.resume();
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      const message = XSS.replace(/</g, '&lt;').replace(/>/g, '&gt;');
      res.writeHead(403, { 'content-type': 'application/xml' });
      return void res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`);
    }
    const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let s3: RunningServer;
let hostileS3: Awaited<ReturnType<typeof startHostileS3>>;
let api: RunningServer;
let browser: Browser;
let page: Page;
let watch: PageWatch;

async function uploadAs(user: string, fields: Record<string, string> = {}): Promise<string> {
  const response = await upload(api.url, imageForm(await smallPng(), fields, 'tiny.png'), tokenFor(user));
  expect(response.status).toBe(202);
  return (await response.json()).job_id;
}

beforeAll(async () => {
  s3 = await startServer('s3');
  hostileS3 = await startHostileS3(s3.url);
  api = await startServer('image-api', { env: { AWS_ENDPOINT_URL: hostileS3.url, JOB_MAX_ATTEMPTS: '1', RATE_LIMIT_PER_HOUR: String(RATE_LIMIT), WEBHOOK_URL: 'http://127.0.0.1:9/{client}', WEBHOOK_MAX_ATTEMPTS: '1' } });
  browser = await launchBrowser({ width: 1360, height: 1000 });
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await hostileS3?.close();
  await s3?.close();
});

describe('the image API dashboard page', () => {
  it('is served with a CSP allowing only its own scripts, and images only from itself and S3, and shows the empty state', async () => {
    const response = await page.goto(`${api.url}/dashboard`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    expect(response?.headers()['content-security-policy']).toContain(`img-src 'self' data: ${hostileS3.url};`);
    await page.waitForSelector('#refresh-state[data-state="live"]');
    expect(await page.textContent('#count-total')).toBe('0');
    expect(await page.textContent('#job-rows')).toContain('No jobs yet');
    expect(await page.textContent('#s3-status')).toBe('reachable');
  });

  it('shows a job uploaded while it is open, without a reload, through to completed', async () => {
    const navigationsBefore = watch.navigations;
    const jobId = await uploadAs('alice');
    await page.waitForSelector(`#job-rows tr[data-job="${jobId}"]`, { timeout: 5000 });
    await page.waitForSelector(`#job-rows tr[data-job="${jobId}"][data-status="completed"]`, { timeout: 10_000 });
    expect(await page.textContent(`#job-rows tr[data-job="${jobId}"]`)).toContain('alice');
    // The variants are shown from their presigned URLs: each image loaded, at its own size.
    const sizes = await page.waitForFunction((id) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(`#job-rows tr[data-job="${id}"] img[data-variant]`)];
      return images.length === 3 && images.every((image) => image.complete && image.naturalWidth > 0)
        && images.map((image) => `${image.dataset.variant} ${image.naturalWidth}x${image.naturalHeight}`);
    }, jobId, { timeout: 10_000 });
    expect(await sizes.jsonValue()).toEqual(['thumbnail 32x24', 'medium 32x24', 'large 32x24']);
    await waitForText(page, '#count-completed', '1');
    expect(await page.textContent('#rate-rows tr[data-user="alice"] .meter-label')).toBe(`1 / ${RATE_LIMIT}`);
    expect(watch.navigations).toBe(navigationsBefore);
  });

  it('renders a job error full of HTML as text', async () => {
    const jobId = await uploadAs('mallory', { bucket: HOSTILE_BUCKET });
    const row = `#job-rows tr[data-job="${jobId}"]`;
    await page.waitForSelector(`${row}[data-status="failed"]`, { timeout: 10_000 });
    expect(await page.textContent(`${row} td.error`)).toBe(`S3 refused CreateBucket with 403 AccessDenied: ${XSS}`);
    // The only images are the variants of completed jobs: the error's markup made none.
    expect(await page.$$('#job-rows img:not([data-variant])')).toHaveLength(0);
    await waitForText(page, '#count-failed', '1');
  });

  it('shows a user at the limit with a full meter', async () => {
    for (let upload = 0; upload < RATE_LIMIT; upload += 1) await uploadAs('busy-user');
    const meter = '#rate-rows tr[data-user="busy-user"]';
    await page.waitForSelector(`${meter} .meter[data-level="full"]`, { timeout: 5000 });
    expect(await page.textContent(`${meter} .meter-label`)).toBe(`${RATE_LIMIT} / ${RATE_LIMIT}`);
    // busiest first
    expect(await page.$$eval('#rate-rows tr', (rows) => rows.map((row) => row.getAttribute('data-user')))).toEqual(['busy-user', 'alice', 'mallory']);
    await waitForText(page, '#count-completed', '4');
  });

  it('ran without script errors, dialogs or CSP violations, and looks right', async () => {
    await waitForText(page, '#webhooks-failed', '5');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'image-api-dashboard.png'), fullPage: true });
    expect(watch.problems).toEqual([]);
  });
});
