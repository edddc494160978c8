// The S3 mock under measurement, as users run it (`start` from the build, file storage), in a
// child process of its own so its RSS is its alone. With MOCK_SEED set, first fills a bucket
// through the store (see store-seeding.mjs). Reports its URL over IPC, answers
// { type: 'memory' } with process.memoryUsage(), and stops when the parent disconnects.
import { performance } from 'node:perf_hooks';
import { start } from '../../dist/src/start.js';
import { seedStore } from './store-seeding.mjs';

const dataDir = process.env.MOCK_DATA_DIR;
const seedStarted = performance.now();
if (process.env.MOCK_SEED) await seedStore(dataDir);
const seedSeconds = (performance.now() - seedStarted) / 1000;

const standin = await start({ servers: ['s3'], port: 0, storage: 'fs', dataDir, logLevel: 'silent' });
process.on('message', (message) => {
  if (message?.type === 'memory') process.send({ type: 'memory', usage: process.memoryUsage() });
});
process.on('disconnect', () => {
  standin.close().then(() => process.exit(0), () => process.exit(1));
});
process.send({ type: 'ready', url: standin.urls.s3, seedSeconds });
