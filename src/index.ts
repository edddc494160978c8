/**
 * standin's programmatic API, for users' own tests:
 *
 *   const standin = await start({ servers: ['s3'], port: 0, storage: 'memory' });
 *   const s3 = new S3Client({ endpoint: standin.urls.s3, forcePathStyle: true, ... });
 *   ...
 *   await standin.close();
 */
import './compile-cache';

export { start, type StartOptions, type Standin } from './start';
export { SERVER_NAMES, type ServerName } from './server-names';
export type { RunningServer } from './kit/running-server';
