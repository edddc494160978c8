import type { Express } from 'express';
import { mountStaticPage, publicDir } from '../../kit';

/** Where the console lives: `_` can never be in a bucket name, so no bucket can shadow it. */
export const CONSOLE_PATH = '/_console';

/**
 * The web console (public/s3-console) at /_console, its files and the shared theme and helpers
 * under /_console/ too: every other top-level name could be a bucket.
 */
export function mountConsolePage(app: Express): void {
  mountStaticPage(app, {
    directory: publicDir('s3-console'),
    pagePaths: [CONSOLE_PATH, `${CONSOLE_PATH}/`],
    assetPrefix: CONSOLE_PATH,
    sharedPrefix: `${CONSOLE_PATH}/shared`,
  });
}
