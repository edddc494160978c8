// @octokit/webhooks-methods is ESM-only, so tests run it in a child process:
// `node octokit-verify.js <secret> <signature>` prints true or false for the body on stdin.
(async () => {
  const { verify } = await import('@octokit/webhooks-methods');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  process.stdout.write(String(await verify(process.argv[2], Buffer.concat(chunks).toString('utf8'), process.argv[3])));
})();
