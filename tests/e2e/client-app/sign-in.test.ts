import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Standin } from '../../../src';
import { OAUTH_ERRORS, SIGN_IN_FAILURE_CODES } from '../../../src/client-app/sign-in-failure';
import type { RunningServer } from '../../../src/kit';
import { gradientJpeg } from '../../integration/client-app/sample-files';
import { startServer, startStandin } from '../../support/standin-harness';
import { ARTIFACTS_DIR, launchBrowser, watchPage, type Browser, type PageWatch } from '../browser';

// "Sign in with the auth provider" in Chromium, against the real auth provider that start()
// wires the client app and the image API to: the provider's login page, the claims shown, an
// upload with the provider's token, a cancelled sign-in, and a provider that does not answer.
let standin: Standin;
let browser: Browser;
let page: Page;
let watch: PageWatch;
let workDir: string;
let jpegPath: string;

beforeAll(async () => {
  standin = await startStandin({ servers: ['s3', 'webhooks', 'auth', 'image-api', 'client'] });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'client-app-sign-in-e2e-'));
  jpegPath = path.join(workDir, 'portrait.jpg');
  await writeFile(jpegPath, await gradientJpeg(800, 600));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The claims the page lists under a heading, as name → shown value. */
async function shownClaims(listId: string): Promise<Record<string, string>> {
  return page.$$eval(`#${listId} > div`, (rows) => Object.fromEntries(rows.map((row) => [row.querySelector('dt')!.textContent ?? '', row.querySelector('dd')!.firstChild!.textContent ?? ''])));
}

async function signOut(): Promise<void> {
  await page.click('#sign-out');
  await page.waitForSelector('#signed-in-view', { state: 'hidden' });
}

describe('sign-in with the auth provider on the client app page', () => {
  it('signs bob in on the provider\'s login page, shows his token\'s claims, and uploads with it', async () => {
    await page.goto(standin.urls.client!);
    await page.waitForFunction(() => document.querySelector('#sign-in-hint')?.textContent?.startsWith('Auth provider: '));
    await page.click('#sign-in');
    await page.getByRole('button', { name: 'Sign in as bob' }).click();

    await page.waitForURL(`${standin.urls.client}/`);
    await page.waitForSelector('#signed-in-view:not([hidden])');
    expect(await page.textContent('#signed-in-user')).toBe('bob');
    expect(await shownClaims('access-token-claims')).toMatchObject({
      iss: `${standin.urls.auth}/default`,
      sub: 'bob',
      aud: standin.urls['image-api'],
      client_id: 'standin-client-app',
    });
    expect(await shownClaims('id-token-claims')).toMatchObject({ sub: 'bob', aud: 'standin-client-app' });
    expect(await page.textContent('#access-token-value')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    // The page acts as the signed-in user only.
    expect(await page.inputValue('#user-id')).toBe('bob');
    expect(await page.$eval('#user-id', (input) => (input as HTMLInputElement).readOnly)).toBe(true);

    await page.setInputFiles('#file-input', jpegPath);
    await page.click('#upload-button');
    await page.waitForSelector('#job-status[data-status="completed"]', { timeout: 30_000 });
    const jobId = (await page.textContent('#job-id'))!;
    await page.waitForSelector(`#history-rows tr[data-job="${jobId}"]`);
    expect(await page.textContent(`#history-rows tr[data-job="${jobId}"]`)).toContain('bob');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'client-app-sign-in.png'), fullPage: true });
    // The live log says how the page signed in and that the upload went with the provider's token
    // (its lines come over the event stream, whenever they come).
    await page.waitForFunction(() => {
      const log = document.querySelector('#log')?.textContent ?? '';
      return log.includes('signed in with the auth provider as bob') && log.includes('with the auth provider\'s token');
    });
  }, 90_000);

  it('signs out: the page acts as anyone again', async () => {
    await signOut();
    expect(await page.$eval('#user-id', (input) => (input as HTMLInputElement).readOnly)).toBe(false);
    expect(await page.isHidden('#sign-out')).toBe(true);
  });

  it('asks the provider for a fresh login on the next sign-in, so another user can sign in', async () => {
    await page.click('#sign-in');
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await page.waitForSelector('#signed-in-view:not([hidden])');
    expect(await page.textContent('#signed-in-user')).toBe('alice');
    expect(await shownClaims('id-token-claims')).toMatchObject({ sub: 'alice' });
    await signOut();
    expect(watch.problems).toEqual([]);
  }, 30_000);

  // A browser context of its own for each: they start without the provider's session (its cookie).
  it('signs alice in straight away with a login hint', async () => {
    await withFreshBrowser(async (fresh) => {
      await fresh.goto(standin.urls.client!);
      await fresh.fill('#login-hint', 'alice');
      await fresh.click('#sign-in');
      await fresh.waitForSelector('#signed-in-view:not([hidden])');
      expect(await fresh.textContent('#signed-in-user')).toBe('alice');
    });
  }, 30_000);

  it('shows why when the user cancels on the provider\'s page', async () => {
    await withFreshBrowser(async (fresh) => {
      await fresh.goto(standin.urls.client!);
      await fresh.click('#sign-in');
      await fresh.getByRole('button', { name: 'Cancel sign-in' }).click();
      await fresh.waitForSelector('#sign-in-notice:not([hidden])');
      expect(await fresh.textContent('#sign-in-notice')).toMatch(/^Sign-in failed.*access_denied/);
      expect(fresh.url()).toBe(`${standin.urls.client}/`);
      expect(await fresh.isHidden('#signed-in-view')).toBe(true);
    });
    expect(watch.problems).toEqual([]);
  }, 30_000);
});

describe('the sign-in failure the page shows', () => {
  /** The notice the page shows for `?sign_in_error=<value>`, after the page has taken it out of its URL. */
  async function noticeFor(value: string): Promise<string> {
    await page.goto(`${standin.urls.client}/?sign_in_error=${encodeURIComponent(value)}`);
    await page.waitForSelector('#sign-in-notice:not([hidden])');
    expect(page.url()).toBe(`${standin.urls.client}/`);
    return (await page.textContent('#sign-in-notice'))!;
  }

  it('is the page\'s own text for a code it does not know, never the text a link put in the URL', async () => {
    const generic = await noticeFor('Your account is locked. Call +1 555 0100 to unlock it.');
    expect(generic).toMatch(/^Sign-in failed/);
    expect(generic).not.toContain('locked');
    expect(generic).not.toContain('555');
    expect(await noticeFor('access_denied_but_not_quite')).toBe(generic);
    expect(await noticeFor('')).toBe(generic);
    expect(await noticeFor('constructor')).toBe(generic);
    expect(watch.problems).toEqual([]);
  }, 30_000);

  it('has its own text for every code the callback sends, naming the provider\'s OAuth error', async () => {
    const generic = await noticeFor('not-a-code');
    for (const code of SIGN_IN_FAILURE_CODES) {
      const shown = await noticeFor(code);
      expect(shown).toMatch(/^Sign-in failed/);
      expect(shown).not.toBe(generic);
      if ((OAUTH_ERRORS as readonly string[]).includes(code)) expect(shown).toContain(code);
    }
    expect(watch.problems).toEqual([]);
  }, 60_000);
});

/** Runs `use` on a page of a browser context of its own: no provider session (its cookie) yet. */
async function withFreshBrowser(use: (page: Page) => Promise<void>): Promise<void> {
  const fresh = await browser.isolatedContext();
  try {
    const freshPage = await fresh.newPage();
    const freshWatch = watchPage(freshPage);
    await use(freshPage);
    expect(freshWatch.problems).toEqual([]);
  } finally {
    await fresh.close();
  }
}

describe('the sign-in button when the auth provider does not answer', () => {
  let lonely: RunningServer;
  beforeAll(async () => {
    lonely = await startServer('client', { env: { AUTH_ISSUER: 'http://127.0.0.1:9/default', IMAGE_API_URL: standin.urls['image-api']! } });
  });
  afterAll(() => lonely?.close());

  it('stays on the page and says what to do', async () => {
    await page.goto(lonely.url);
    await page.waitForFunction(() => document.querySelector('#sign-in-hint')?.textContent?.includes('is not reachable'));
    await page.click('#sign-in');
    await page.waitForSelector('#sign-in-notice:not([hidden])');
    expect(page.url()).toBe(`${lonely.url}/`);
    expect(await page.textContent('#sign-in-notice')).toMatch(/^The auth provider does not answer.*start it \(npm start, or npx standin start auth\) or point AUTH_ISSUER at a running issuer/);
  }, 30_000);
});
