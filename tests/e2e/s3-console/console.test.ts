/**
 * The S3 console (/_console) in Chromium: what was stored before a restart, 100k keys in a folder
 * with a DOM that holds only the rows in view, folders and breadcrumb, filter, previews, drag
 * and drop upload with progress, presigned URL copy, delete, live updates from changes an AWS SDK
 * makes; and what it says under strict auth.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { smallPng } from '../../integration/image-api/image-api-requests';
import { s3Client } from '../../integration/s3/sdk-client';
import { ARTIFACTS_DIR, launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

const MANY_KEYS = 100_000;
/** More rows than any viewport shows: a list that rendered every loaded row would hold 1000. */
const MAX_ROWS_IN_DOM = 60;

let dataDir: string;
let s3: RunningServer;
let client: S3Client;
let browser: Browser;
let page: Page;
let watch: PageWatch;

/**
 * MANY_KEYS objects under bulk/ in bucket `many`, quickly: one object stored through the server,
 * then its index row copied under new keys in one SQLite transaction while the server is down
 * (every copy shares the first one's body, which nothing here deletes).
 */
async function seedManyKeys(): Promise<void> {
  const first = await startServer('s3', { dataDir });
  await fetch(`${first.url}/admin/buckets/many`, { method: 'PUT' });
  await fetch(`${first.url}/admin/object/many/content?key=seed.txt`, { method: 'PUT', body: 'seed', headers: { 'content-type': 'text/plain' } });
  await first.close();
  const db = new Database(path.join(dataDir, 'index.sqlite'));
  const columns = (db.prepare('PRAGMA table_info(objects)').all() as { name: string }[]).map((column) => column.name);
  const copied = columns.map((name) => (name === 'key' ? "printf('bulk/key-%06d', n)" : name));
  db.exec(`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${MANY_KEYS})
    INSERT INTO objects (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM objects, seq WHERE bucket = 'many' AND key = 'seed.txt'`);
  db.close();
}

const rowsInDom = () => page.$$eval('#object-rows .row', (rows) => rows.length);
const row = (key: string) => `#object-rows .row[data-key="${key}"]`;

async function openBucket(name: string) {
  await page.click(`#bucket-list button[data-bucket="${name}"]`);
  await page.waitForSelector(`#bucket-list button[data-bucket="${name}"][aria-current="true"]`);
}

async function selectObject(key: string) {
  await page.click(row(key));
  await waitForText(page, '#details-key', key);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'standin-console-'));
  await seedManyKeys();
  s3 = await startServer('s3', { dataDir });
  client = s3Client(s3);
  await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'photos/cat.png', Body: await smallPng(), ContentType: 'image/png', Metadata: { photographer: 'alice' } }));
  await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'data/report.json', Body: '{"name":"standin","items":[1,2]}', ContentType: 'application/json' }));
  await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'data/old.txt', Body: 'to be deleted', ContentType: 'text/plain' }));
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s3.url });
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await browser?.close();
  await s3?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the S3 console', () => {
  it('is served with the pages\' CSP and lists the buckets, with what was stored before a restart', async () => {
    const response = await page.goto(`${s3.url}/_console`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.waitForSelector('#bucket-list button[data-bucket="many"]');
    expect(await page.textContent('#bucket-list button[data-bucket="many"] .count')).toBe((MANY_KEYS + 1).toLocaleString('en-US'));
    expect(await page.$$eval('#bucket-list button', (buttons) => buttons.map((b) => b.dataset.bucket))).toEqual(['many', 'test-bucket', 'test-uploads']);
  });

  it('opens a folder of 100k keys with only the rows in view in the DOM, and loads pages as it scrolls', async () => {
    await openBucket('many');
    await page.waitForSelector(row('bulk/'));
    expect(await page.textContent(row('seed.txt'))).toContain('seed.txt');
    await page.click(row('bulk/'));
    await page.waitForSelector(row('bulk/key-000001'));
    expect(await page.textContent('#breadcrumb')).toBe('many/bulk');
    await waitForText(page, '#list-status', '1,000 loaded · more below');
    expect(await rowsInDom()).toBeLessThan(MAX_ROWS_IN_DOM);

    await page.$eval('#object-scroller', (scroller) => { scroller.scrollTop = scroller.scrollHeight; });
    await page.waitForSelector(row('bulk/key-001001'));
    expect(await page.textContent('#list-status')).toMatch(/^2,000 loaded|^3,000 loaded/);
    expect(await rowsInDom()).toBeLessThan(MAX_ROWS_IN_DOM);
    expect(await page.$(row('bulk/key-000001'))).toBeNull();
  });

  it('narrows a folder by prefix and goes back up by the breadcrumb', async () => {
    await page.fill('#filter', 'key-09999');
    await waitForText(page, '#list-status', '10 entries');
    expect(await page.$$eval('#object-rows .row', (rows) => rows.map((r) => (r as HTMLElement).dataset.key))).toEqual(
      Array.from({ length: 10 }, (_, n) => `bulk/key-09999${n}`));
    await page.click('#breadcrumb button[data-prefix=""]');
    await page.waitForSelector(row('bulk/'));
    expect(await page.inputValue('#filter')).toBe('');
  });

  it('previews an image and pretty-prints JSON, with the object\'s metadata', async () => {
    await openBucket('test-bucket');
    await page.click(row('photos/'));
    await selectObject('photos/cat.png');
    await page.waitForFunction(() => (document.querySelector('#preview img') as HTMLImageElement | null)?.naturalWidth === 32);
    expect(await page.textContent('#details')).toContain('photographer');
    expect(await page.textContent('#details')).toContain('image/png');

    await page.click('#breadcrumb button[data-prefix=""]');
    await page.click(row('data/'));
    await selectObject('data/report.json');
    await page.waitForSelector('#preview pre');
    expect(await page.textContent('#preview pre')).toBe(JSON.stringify({ name: 'standin', items: [1, 2] }, null, 2));
  });

  it('copies a presigned URL that serves the object', async () => {
    await page.click('#copy-url');
    await page.waitForFunction(() => document.querySelector('#details-message')?.textContent?.includes('copied'));
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain('X-Amz-Signature=');
    expect(await (await fetch(url)).text()).toBe('{"name":"standin","items":[1,2]}');
  });

  it('offers no download or preview of an SSE-C object, and a download it cannot serve leaves the page where it is', async () => {
    const key = Buffer.alloc(32, 9);
    await client.send(new PutObjectCommand({
      Bucket: 'test-bucket', Key: 'data/sealed.txt', Body: 'sealed', ContentType: 'text/plain',
      SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64'), SSECustomerKeyMD5: createHash('md5').update(key).digest('base64'),
    }));
    await page.waitForSelector(row('data/sealed.txt'));
    await selectObject('data/sealed.txt');
    expect(await page.$('#download')).toBeNull();
    expect(await page.textContent('#preview')).toContain('SSE-C');
    const download = page.waitForEvent('download');
    await page.click('#details table.versions a:text("Download")');
    expect(await (await download).failure()).toBeTruthy();
    expect(page.url()).toBe(`${s3.url}/_console`);
    await client.send(new DeleteObjectCommand({ Bucket: 'test-bucket', Key: 'data/sealed.txt' }));
    await page.waitForSelector(row('data/sealed.txt'), { state: 'detached' });
  });

  it('uploads dropped files into the current folder with a progress bar each', async () => {
    const big = 6 * 1024 * 1024;
    // A slow uplink (Chromium's network emulation), so the big file's progress is seen on its way.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver((records) => {
        for (const record of records) if (record.target instanceof HTMLProgressElement) seen.push(record.target.value);
      }).observe(document.querySelector('#upload-list')!, { subtree: true, attributes: true, attributeFilter: ['value'] });
    });
    await page.$eval('#drop-zone', (zone, size) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(size).fill(97)], 'big.bin', { type: 'application/octet-stream' }));
      transfer.items.add(new File(['hello from a drop'], 'note.txt', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, big);
    for (const key of ['data/big.bin', 'data/note.txt']) {
      await page.waitForSelector(`#upload-list li[data-key="${key}"][data-state="done"]`);
      expect(await page.$eval(`#upload-list li[data-key="${key}"] progress`, (bar) => (bar as HTMLProgressElement).value)).toBe(1);
      await page.waitForSelector(row(key));
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    const progress = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(progress.some((value) => value > 0 && value < 1)).toBe(true);
    const stored = await client.send(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'data/note.txt' }));
    expect([stored.ContentType, await stored.Body?.transformToString()]).toEqual(['text/plain', 'hello from a drop']);
    expect((await client.send(new HeadObjectCommand({ Bucket: 'test-bucket', Key: 'data/big.bin' }))).ContentLength).toBe(big);
  });

  it('deletes an object after a second click', async () => {
    await selectObject('data/old.txt');
    await page.click('#delete-object');
    expect(await page.textContent('#delete-object')).toBe('Confirm delete');
    await page.click('#delete-object');
    await page.waitForSelector(row('data/old.txt'), { state: 'detached' });
    await expect(client.send(new HeadObjectCommand({ Bucket: 'test-bucket', Key: 'data/old.txt' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('shows objects put and deleted by the AWS SDK as they happen, without a reload', async () => {
    await page.waitForSelector('#live-status[data-state="live"]');
    await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'data/from-sdk.txt', Body: 'live', ContentType: 'text/plain' }));
    await page.waitForSelector(row('data/from-sdk.txt'));
    expect(await page.textContent(`${row('data/from-sdk.txt')} .num`)).toBe('4 B');
    await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'data/deeper/nested.txt', Body: 'x' }));
    await page.waitForSelector(row('data/deeper/'));
    await client.send(new DeleteObjectCommand({ Bucket: 'test-bucket', Key: 'data/note.txt' }));
    await page.waitForSelector(row('data/note.txt'), { state: 'detached' });
    await waitForText(page, '#bucket-list button[data-bucket="test-bucket"] .count', '5');
  });

  it('ran without a reload, script errors, dialogs or CSP violations, and looks right', async () => {
    expect(watch.navigations).toBe(1);
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 's3-console.png'), fullPage: true });
    expect(watch.problems).toEqual([]);
  });
});

describe('the S3 console under S3_AUTH=strict', () => {
  it('says that its unsigned requests are refused, and offers nothing', async () => {
    const strict = await startServer('s3', { env: { S3_AUTH: 'strict' } });
    try {
      const strictPage = await browser.context.newPage();
      await strictPage.goto(`${strict.url}/_console`);
      await strictPage.waitForSelector('#banner:not([hidden])');
      expect(await strictPage.textContent('#banner')).toContain('S3_AUTH=strict');
      expect(await strictPage.$$('#bucket-list button')).toHaveLength(0);
      await strictPage.close();
    } finally {
      await strict.close();
    }
  });
});
