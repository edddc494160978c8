import { Worker } from 'node:worker_threads';

// The worker runs this as a CommonJS script, which then loads the module: the build's .js, or,
// when the servers run from their TypeScript sources (jest), the .ts, compiled by swc as each
// module is required, as jest's own transform (jest.config.js) compiles it in the main thread.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.swc !== null) {
  const { readFileSync } = require('node:fs');
  const { transformSync } = require(workerData.swc);
  const options = { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } } };
  require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
}
require(workerData.module);
`;

/**
 * A worker thread running one of standin's own modules, given by its path beside the caller's
 * own file: `path.join(__dirname, \`name${path.extname(__filename)}\`)`, so `.js` in the build and
 * `.ts` under test.
 */
export function startModuleWorker(modulePath: string): Worker {
  const swc = modulePath.endsWith('.ts') ? require.resolve('@swc/core') : null;
  return new Worker(BOOTSTRAP, { eval: true, workerData: { module: modulePath, swc } });
}
