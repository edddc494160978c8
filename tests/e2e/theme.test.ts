/**
 * The three pages wear one theme (public/shared/base.css, served at /shared/): light or dark as the
 * system's prefers-color-scheme says, with the same palette on every page.
 */
import type { Page } from 'playwright-core';
import type { Standin } from '../../src';
import { startStandin } from '../support/standin-harness';
import { launchBrowser, watchPage, type Browser, type PageWatch } from './browser';

const PAGES = [
  { name: 'the client app', server: 'client', path: '/', ready: '#log-state[data-state="live"]' },
  { name: 'the webhook dashboard', server: 'webhooks', path: '/', ready: '#live-status[data-state="live"]' },
  { name: 'the image API dashboard', server: 'image-api', path: '/dashboard', ready: '#refresh-state[data-state="live"]' },
] as const;

type Scheme = 'light' | 'dark';

let standin: Standin;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  standin = await startStandin({ servers: ['s3', 'webhooks', 'image-api', 'client'] });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
});

/** What the page paints, and what the shared palette's variables resolve to, as computed colours. */
async function paint(scheme: Scheme, server: string, pagePath: string, ready: string) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${standin.urls[server as keyof Standin['urls']]}${pagePath}`);
  await page.waitForSelector(ready);
  return page.evaluate(() => {
    const resolve = (variable: string) => {
      const probe = document.createElement('div');
      probe.style.backgroundColor = `var(${variable})`;
      document.body.append(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    };
    const card = document.querySelector('.card');
    return {
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
      card: card ? getComputedStyle(card).backgroundColor : null,
      bg: resolve('--bg'),
      surface: resolve('--surface'),
      textVariable: resolve('--text'),
    };
  });
}

describe('the shared theme', () => {
  const seen: Record<Scheme, unknown[]> = { light: [], dark: [] };

  it.each(PAGES)('paints $name from the shared palette, light or dark as the system prefers', async ({ server, path, ready }) => {
    const light = await paint('light', server, path, ready);
    const dark = await paint('dark', server, path, ready);
    for (const painted of [light, dark]) {
      expect(painted.body).toBe(painted.bg);
      expect(painted.text).toBe(painted.textVariable);
      expect(painted.card).toBe(painted.surface);
    }
    expect(dark.body).not.toBe(light.body);
    expect(dark.text).not.toBe(light.text);
    seen.light.push(light);
    seen.dark.push(dark);
  });

  it('is one palette: every page paints the same colours in each scheme', () => {
    for (const scheme of ['light', 'dark'] as const) {
      expect(seen[scheme]).toHaveLength(PAGES.length);
      for (const painted of seen[scheme]) expect(painted).toEqual(seen[scheme][0]);
    }
  });

  it('ran without script errors, dialogs or CSP violations', () => {
    expect(watch.problems).toEqual([]);
  });
});
