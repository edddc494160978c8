import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * When the servers run from their TypeScript sources (jest), a worker loads the .ts module
 * through the same loader the tests' child processes use; the build's .js needs none.
 */
const SOURCE_LOADER = path.join(__dirname, '../../tests/support/swc-register.js');

// The worker runs this as a CommonJS script, which then loads the module.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.loader !== null) require(workerData.loader);
require(workerData.module);
`;

/**
 * A worker thread running one of standin's own modules, given by its path beside the caller's
 * own file: `path.join(__dirname, \`name${path.extname(__filename)}\`)`, so `.js` in the build and
 * `.ts` under test.
 */
export function startModuleWorker(modulePath: string): Worker {
  const loader = modulePath.endsWith('.ts') ? SOURCE_LOADER : null;
  return new Worker(BOOTSTRAP, { eval: true, workerData: { module: modulePath, loader } });
}
