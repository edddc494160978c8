import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, headless, with the background traffic that has nowhere to go here switched off. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own temporary profile, removed again on close(). */
export async function launchBrowser(viewport = { width: 1360, height: 1000 }): Promise<Browser> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'standin-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Screenshots are kept in artifacts/ (git-ignored) for people to look at. */
export const ARTIFACTS_DIR = path.join(__dirname, '../../artifacts');
