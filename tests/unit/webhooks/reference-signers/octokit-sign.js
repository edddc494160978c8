// @octokit/webhooks-methods is ESM-only, so tests run it in a child process:
// `node octokit-sign.js <secret>` signs stdin and prints `sha256=<hex>`.
(async () => {
  const { sign } = await import('@octokit/webhooks-methods');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  process.stdout.write(await sign(process.argv[2], Buffer.concat(chunks).toString('utf8')));
})();
