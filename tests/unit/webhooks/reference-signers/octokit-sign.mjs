// @octokit/webhooks-methods is ESM-only, so tests run it in a child process:
// `node octokit-sign.mjs <secret>` signs stdin and prints `sha256=<hex>`.
import { sign } from '@octokit/webhooks-methods';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
process.stdout.write(await sign(process.argv[2], Buffer.concat(chunks).toString('utf8')));
