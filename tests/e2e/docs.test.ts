import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Standin } from '../../src';
import { SERVER_NAMES } from '../../src/server-names';
import { startStandin } from '../support/standin-harness';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from './browser';

let standin: Standin;
let browser: Browser;

beforeAll(async () => {
  standin = await startStandin({ servers: SERVER_NAMES });
  browser = await launchBrowser();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
});

describe.each(SERVER_NAMES)('the %s server\'s /docs', (name) => {
  it('renders the API reference with every request to other origins cut off', async () => {
    const origin = standin.urls[name] as string;
    const page = await browser.context.newPage();
    const elsewhere: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });

    await page.goto(`${origin}/docs`);
    const spec = await (await fetch(`${origin}/openapi.json`)).json();
    const heading = page.locator('h1', { hasText: spec.info.title });
    await heading.waitFor({ timeout: 20_000 });
    const firstOperation = Object.values(spec.paths as Record<string, Record<string, { summary?: string }>>)
      .flatMap((item) => Object.values(item)).find((operation) => operation.summary)?.summary as string;
    await page.getByText(firstOperation).first().waitFor({ state: 'attached' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `docs-${name}.png`) });
    await page.close();

    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
