import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the background traffic that has nowhere to go here switched off. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Browser {
  /** The context the test's pages open in. */
  context: BrowserContext;
  /**
   * Another context of the same Chromium, sharing no cookies or storage with `context`: a browser
   * as a first-time visitor has it, without the cost of starting Chromium again. Closed with it.
   */
  isolatedContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * A fresh Chromium, its profile temporary. `extraArgs` adds switches, e.g.
 * `--host-resolver-rules=MAP rp.example 127.0.0.1` for a page on a site of its own.
 */
export async function launchBrowser(viewport = { width: 1360, height: 1000 }, extraArgs: readonly string[] = []): Promise<Browser> {
  const chromiumProcess = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
  try {
    const context = await chromiumProcess.newContext({ viewport });
    return {
      context,
      isolatedContext: () => chromiumProcess.newContext({ viewport }),
      close: () => chromiumProcess.close(),
    };
  } catch (error) {
    await chromiumProcess.close();
    throw error;
  }
}

export interface PageWatch {
  /** Script errors, console errors and dialogs (an XSS payload that ran would open one). */
  readonly problems: string[];
  /** Full-page loads so far: a live page must update without one. */
  readonly navigations: number;
}

/** Records what a page should never do while a test drives it; dialogs are dismissed. */
/**
 * A document that names no icon (a JSON answer shown as a page) makes the browser ask for
 * /favicon.ico by itself, some time after the document: its 404 is no problem of the page.
 */
function isOwnIconLoad(message: ConsoleMessage): boolean {
  const { url } = message.location();
  return url !== '' && new URL(url).pathname === '/favicon.ico';
}

export function watchPage(page: Page): PageWatch {
  const watch = { problems: [] as string[], navigations: 0 };
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error' && !isOwnIconLoad(message)) watch.problems.push(`console: ${message.text()}`); });
  page.on('dialog', (dialog) => {
    watch.problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) watch.navigations += 1; });
  return watch;
}

/**
 * Waits until the element `selector` shows exactly `text`: pages fill theirs from a fetch after
 * load, so one read of it right after an action can come too early.
 */
export async function waitForText(page: Page, selector: string, text: string, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(([target, expected]) => document.querySelector(target)?.textContent === expected, [selector, text] as const, options);
}

/** Screenshots are kept in artifacts/ (git-ignored) for people to look at. */
export const ARTIFACTS_DIR = path.join(__dirname, '../../artifacts');
