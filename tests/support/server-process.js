// Runs one standin server (named by the first argument: s3, webhooks, auth, image-api, client) in its
// own process, so a test can kill it with SIGKILL. TypeScript sources are compiled on load with
// swc (swc-register.js), so no build is needed. Settings come from the environment (STORAGE,
// DATA_DIR...); the server's URL is printed as one JSON line on stdout.
const path = require('node:path');

require('./swc-register');

const { start } = require(path.join(__dirname, '../../src/start.ts'));

(async () => {
  const name = process.argv[2];
  // start() keeps a server on an ephemeral port silent unless told a level, as the in-process harness does.
  const standin = await start({ servers: [name], port: 0, logLevel: process.env.LOG_LEVEL });
  process.stdout.write(`${JSON.stringify({ url: standin.urls[name] })}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
