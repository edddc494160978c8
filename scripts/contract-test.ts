// `npm run test:contract`: Dredd checks each running server against its spec.
// Every server starts in memory on an ephemeral port; each spec is dereferenced into one file
// (Dredd reads single files best). The S3 protocol operations (`x-standin-dispatch: s3`) are
// left out: Dredd cannot express their query flags; real S3 clients test them instead.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OpenAPIBackend } from 'openapi-backend';
import { projectRoot } from '../src/kit/project-files';
import { start } from '../src/start';
import type { ServerName } from '../src/servers';

const CONTRACTS: { spec: string; server: ServerName }[] = [
  { spec: 's3-mock', server: 's3' },
  { spec: 'webhook-receiver', server: 'webhooks' },
  { spec: 'image-api', server: 'image-api' },
  { spec: 'client-app', server: 'client' },
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Spec = { paths: Record<string, Record<string, { 'x-standin-dispatch'?: string }>> };

async function contractDocument(specName: string): Promise<Spec> {
  const api = new OpenAPIBackend({ definition: path.join(projectRoot, 'openapi', `${specName}.yaml`), strict: true });
  await api.init();
  const spec = structuredClone(api.definition) as unknown as Spec;
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) if (item[method]?.['x-standin-dispatch']) delete item[method];
    if (!HTTP_METHODS.some((m) => item[m])) delete spec.paths[route];
  }
  return spec;
}

function runDredd(file: string, url: string, hookfiles: string[]): Promise<number> {
  const dredd = path.join(projectRoot, 'node_modules', '.bin', 'dredd');
  const args = [file, url, '--language=nodejs', '--loglevel=warning', '--reporter=dot', ...hookfiles.map((h) => `--hookfiles=${h}`)];
  return new Promise((resolve) => {
    const child = execFile(dredd, args, { cwd: projectRoot }, (error) => resolve(error ? Number((error as { code?: number }).code ?? 1) : 0));
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  });
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'standin-contract-'));
  const standin = await start({ port: 0, storage: 'memory', env: { WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/{client}' } });
  const failed: string[] = [];
  try {
    for (const { spec, server } of CONTRACTS) {
      const file = path.join(tmp, `${spec}.json`);
      await writeFile(file, JSON.stringify(await contractDocument(spec), null, 2));
      const hookfiles = [path.join(projectRoot, 'tests/contract/hooks/common.js'), path.join(projectRoot, `tests/contract/hooks/${spec}.js`)].filter((f) => existsSync(f));
      console.log(`\ncontract: ${spec} against ${standin.urls[server]}`);
      if ((await runDredd(file, standin.urls[server] as string, hookfiles)) !== 0) failed.push(spec);
    }
  } finally {
    await standin.close();
    await rm(tmp, { recursive: true, force: true });
  }
  if (failed.length > 0) {
    console.error(`\ncontract: FAILED for ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log(`\ncontract: ${CONTRACTS.length} passed, 0 failed`);
}

main().catch((error) => {
  console.error('contract:', error);
  process.exit(1);
});
