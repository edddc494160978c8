/**
 * What anyone who can write to the S3 mock controls (keys, the bytes of an object and its
 * Content-Type), in Chromium: the console shows keys as text, with the characters that would hide
 * or reorder parts of them made visible, and a stored HTML file opened at the mock's origin, the
 * one that serves the console and its admin API, runs sandboxed, so it cannot empty the mock
 * (README, "S3 mock: console").
 */
import http from 'node:http';
import { HeadBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { s3Client } from '../../integration/s3/sdk-client';
import { launchBrowser, watchPage, type Browser } from '../browser';

let s3: RunningServer;
let client: S3Client;
let browser: Browser;
let page: Page;

/** An HTML page that tries to empty the mock and says in its title how that went. */
function resettingPage(adminUrl: string): string {
  return `<!doctype html><title>loading</title><script>
    fetch(${JSON.stringify(`${adminUrl}/admin/reset`)}, { method: 'DELETE' })
      .then((answer) => { document.title = 'reset answered ' + answer.status; }, () => { document.title = 'reset refused'; });
  </script>`;
}

async function titleOnceScriptRan(): Promise<string> {
  await page.waitForFunction(() => document.title !== 'loading');
  return page.title();
}

/** Keys that read like others, or backwards, unless their invisible characters are shown. */
const LOOKALIKE_KEYS = [
  'payroll.txt', 'pay\u200Broll.txt', 'invoice\u202Egnp.exe', 'line break.txt', 'line\nbreak.txt', 'bell\u0007.txt', '<img src=x onerror=alert(1)>.txt',
  'report.pdf', 'report.pdf ', 'report\u00A0.pdf', 'soft\u00ADhyphen', 'two  spaces.txt',
];

/** Keys with folders of an empty name: they begin with `/` or hold `//`. */
const SLASHED_KEYS = ['/leading.txt', '/uploads/2024/a.txt', 'dir//double.txt', 'dir/single.txt'];

async function openConsoleAt(bucket: string) {
  await page.goto(`${s3.url}/_console`);
  await page.click(`#bucket-list button[data-bucket="${bucket}"]`);
  await page.waitForSelector('#object-rows .row');
}

/** The names as shown: innerText, where a page's white-space rules have merged any runs of spaces. */
const rowNames = () => page.$$eval('#object-rows .row .name', (names) => names.map((name) => (name as HTMLElement).innerText));

beforeAll(async () => {
  s3 = await startServer('s3');
  client = s3Client(s3);
  await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'upload.html', Body: resettingPage(s3.url), ContentType: 'text/html' }));
  browser = await launchBrowser();
  for (const key of [...LOOKALIKE_KEYS, ...SLASHED_KEYS]) await client.send(new PutObjectCommand({ Bucket: 'test-uploads', Key: key, Body: key, ContentType: 'text/plain' }));
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await browser?.close();
  await s3?.close();
});

describe('the console', () => {
  it('shows zero-width, bidirectional and control characters in keys as <U+...>, so no two keys look alike', async () => {
    const watch = watchPage(page);
    await openConsoleAt('test-uploads');
    expect(await rowNames()).toEqual(expect.arrayContaining([
      'payroll.txt', 'pay<U+200B>roll.txt', 'invoice<U+202E>gnp.exe', 'line break.txt', 'line<U+000A>break.txt', 'bell<U+0007>.txt', '<img src=x onerror=alert(1)>.txt',
      'report.pdf', 'report.pdf<U+0020>', 'report<U+00A0>.pdf', 'soft<U+00AD>hyphen', 'two  spaces.txt',
    ]));
    await page.click('#object-rows .row[data-key="invoice\u202Egnp.exe"]');
    await page.waitForSelector('#details-key[data-key="invoice\u202Egnp.exe"]');
    expect(await page.textContent('#details-key')).toBe('invoice<U+202E>gnp.exe');
    await page.waitForSelector('#preview pre');
    expect(await page.textContent('#preview pre')).toBe('invoice\u202Egnp.exe');
    expect(watch.problems).toEqual([]);
  });

  it('shows folders with an empty name in the breadcrumb, each crumb opening its own folder', async () => {
    const breadcrumb = () => page.textContent('#breadcrumb');
    const listed = (prefix: string) => page.waitForFunction((expected) => {
      const keys = [...document.querySelectorAll<HTMLElement>('#object-rows .row[data-key]')].map((row) => row.dataset.key!);
      return keys.length > 0 && keys.every((key) => key.startsWith(expected));
    }, prefix);
    const openRow = async (key: string) => {
      await page.click(`#object-rows .row[data-key="${key}"]`);
      await listed(key);
    };
    await openConsoleAt('test-uploads');
    await openRow('/');
    expect([await breadcrumb(), await rowNames()]).toEqual(['test-uploads/', ['leading.txt', 'uploads/']]);
    await openRow('/uploads/');
    await openRow('/uploads/2024/');
    expect(await breadcrumb()).toBe('test-uploads//uploads/2024');
    const crumbs = await page.$$eval('#breadcrumb button', (buttons) => buttons.map((button) => button.dataset.prefix));
    expect(crumbs).toEqual(['', '/', '/uploads/']);
    await page.click('#breadcrumb button[data-prefix="/uploads/"]');
    await page.waitForSelector('#object-rows .row[data-key="/uploads/2024/"]');

    await page.click('#breadcrumb button[data-prefix=""]');
    await openRow('dir/');
    expect(await breadcrumb()).toBe('test-uploads/dir');
    await openRow('dir//');
    expect([await breadcrumb(), await rowNames()]).toEqual(['test-uploads/dir/', ['double.txt']]);
  });
});

describe('an HTML object opened in a browser', () => {
  it('runs in an origin of its own when opened by the presigned URL the console copies: it cannot reset the mock', async () => {
    const { url } = await (await fetch(`${s3.url}/presigned-url?bucket=test-bucket&key=upload.html`)).json() as { url: string };
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toMatch(/^sandbox /);
    expect(await titleOnceScriptRan()).toBe('reset refused');
    await expect(client.send(new HeadBucketCommand({ Bucket: 'test-bucket' }))).resolves.toBeDefined();
  });

  it('runs in an origin of its own at <bucket>.localhost too, an origin CORS_ORIGIN trusts', async () => {
    await page.goto(`http://test-bucket.localhost:${s3.port}/upload.html`);
    expect(await titleOnceScriptRan()).toBe('reset refused');
    await expect(client.send(new HeadBucketCommand({ Bucket: 'test-bucket' }))).resolves.toBeDefined();
  });

  it('is served to S3 clients as stored, without the sandbox', async () => {
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      http.get(`${s3.url}/test-bucket/upload.html`, (answer) => {
        answer.resume();
        resolve(answer.headers);
      }).on('error', reject);
    });
    expect(headers['content-type']).toBe('text/html');
    expect(headers['content-security-policy']).toBeUndefined();
  });
});
