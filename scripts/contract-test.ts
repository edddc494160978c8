// `npm run test:contract [spec...]`: Dredd checks each running server against its spec.
// Every server starts in memory on an ephemeral port; each spec is dereferenced into one file
// (Dredd reads single files best), from which two kinds of operations are left out:
// - the S3 protocol operations (`x-standin-dispatch: s3`): Dredd cannot express their query
//   flags; the real S3 clients in tests/integration/s3-clients test them instead;
// - the auth provider's browser steps and user-token calls (`x-standin-dispatch: oidc-provider`:
//   authorize, login and device pages, userinfo, logout): the openid-client, oauth4webapi and
//   Chromium tests in tests/integration/auth-provider and tests/e2e/auth-provider drive them;
// - every operation whose success response is `text/event-stream` (the webhook receiver's and
//   the client app's live streams): a stream never ends, so Dredd would wait for it forever;
//   tests/integration reads them as a browser does.
// The hooks (tests/contract/hooks/common.js + <spec>.js) set up real state (signed tokens, real
// images, stored events, finished jobs) and turn error examples into requests that earn them.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OpenAPIBackend } from 'openapi-backend';
import type { Environment } from '../src/kit';
import { projectRoot } from '../src/kit/project-files';
import { start, type Standin } from '../src/start';
import type { ServerName } from '../src/server-names';

const CONTRACTS: { spec: string; server: ServerName }[] = [
  { spec: 's3-mock', server: 's3' },
  { spec: 'webhook-receiver', server: 'webhooks' },
  { spec: 'image-api', server: 'image-api' },
  { spec: 'client-app', server: 'client' },
  { spec: 'auth-provider', server: 'auth' },
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * Settings the servers and the hooks share (the hooks read them with the servers' own config
 * readers). Webhooks from the image API go to a closed port: its deliveries are not part of the
 * receiver's contract run. A replay target that never answers gives up after 2 s, not 10.
 */
const CONTRACT_ENV: Environment = {
  WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/{client}',
  WEBHOOK_REPLAY_TIMEOUT_MS: '2000',
};

/**
 * An OAuth issuer that cannot be reached (a closed port): an image API that trusts it answers its
 * tokens with 503 (the image-api hooks send those transactions to CONTRACT_IMAGE_API_NO_ISSUER_URL,
 * with tokens naming CONTRACT_UNREACHABLE_ISSUER), a client app signing in with it 502.
 */
const UNREACHABLE_ISSUER = 'http://127.0.0.1:9/default';

/**
 * Client apps set up wrong on purpose, for answers a correct setup never gives: one signs its
 * tokens with another secret than the image API's (the image API's 401 passes through), one
 * calls an image API that is not there (502), one signs users in with an auth provider that is
 * not there (502). The client-app hooks send those transactions to them, at the URLs in
 * CONTRACT_CLIENT_WRONG_SECRET_URL, CONTRACT_CLIENT_NO_IMAGE_API_URL and
 * CONTRACT_CLIENT_NO_AUTH_PROVIDER_URL.
 */
const MISCONFIGURED_CLIENTS = {
  CONTRACT_CLIENT_WRONG_SECRET_URL: (imageApiUrl: string): Environment => ({ IMAGE_API_URL: imageApiUrl, JWT_SECRET: 'not-the-image-api-jwt-secret' }),
  CONTRACT_CLIENT_NO_IMAGE_API_URL: (): Environment => ({ IMAGE_API_URL: 'http://127.0.0.1:9' }),
  CONTRACT_CLIENT_NO_AUTH_PROVIDER_URL: (imageApiUrl: string): Environment => ({ IMAGE_API_URL: imageApiUrl, AUTH_ISSUER: UNREACHABLE_ISSUER }),
};

/** An S3 mock under S3_AUTH=strict, for the 401 and 403 of its JSON extras (CONTRACT_S3_STRICT_URL). */
const STRICT_S3: Environment = { S3_AUTH: 'strict' };

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  'x-standin-dispatch'?: string;
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

/**
 * Dredd's URI templates (RFC 6570) cannot name a query parameter with '-' in it: optional ones
 * (the S3 extras' X-Amz-* presigned-URL parameters) are left out of what Dredd sends.
 */
const templatable = (parameter: Parameter) => parameter.in !== 'query' || parameter.required || /^[\w.%]+$/.test(parameter.name);

function streamsEvents(operation: Operation): boolean {
  return Object.entries(operation.responses ?? {}).some(([status, response]) => status.startsWith('2') && Object.keys(response.content ?? {}).includes('text/event-stream'));
}

function testedByDredd(operation: Operation): boolean {
  return !operation['x-standin-dispatch'] && !streamsEvents(operation);
}

async function contractDocument(specName: string): Promise<Spec> {
  // validate: false, as only the dereferenced document is needed, not request validators.
  const api = new OpenAPIBackend({ definition: path.join(projectRoot, 'openapi', `${specName}.yaml`), strict: true, validate: false });
  await api.init();
  const spec = structuredClone(api.definition) as unknown as Spec;
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) if (item[method] && !testedByDredd(item[method])) delete item[method];
    if (!HTTP_METHODS.some((m) => item[m])) delete spec.paths[route];
    for (const holder of [item as { parameters?: Parameter[] }, ...HTTP_METHODS.map((method) => item[method])]) {
      if (holder?.parameters) holder.parameters = holder.parameters.filter(templatable);
    }
  }
  return spec;
}

interface DreddRun {
  exitCode: number;
  /** Dredd's closing line, e.g. "12 passing, 0 failing, 0 errors, 2 skipped, 14 total". */
  summary: string;
}

function runDredd(file: string, url: string, hookfiles: string[], env: Environment): Promise<DreddRun> {
  const dredd = path.join(projectRoot, 'node_modules', '.bin', 'dredd');
  // loglevel error: the parser's warnings about keywords it drops are noise, the hooks check
  // bodies against the full schemas; test failures are reported at any level.
  const args = [file, url, '--language=nodejs', '--loglevel=error', '--reporter=dot', ...hookfiles.map((h) => `--hookfiles=${h}`)];
  let tail = '';
  return new Promise((resolve) => {
    const child = execFile(dredd, args, { cwd: projectRoot, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error) => {
      // eslint-disable-next-line no-control-regex
      const summary = /complete\S*: (\d+ passing[^\n]*)/.exec(tail.replace(/\x1b\[\d+m/g, ''))?.[1] ?? 'no summary (Dredd stopped early)';
      resolve({ exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0, summary });
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  });
}

/** The contracts named on the command line, by spec (`s3-mock`) or by server, as `standin start` names it (`s3`). */
function selectedContracts(names: string[]): typeof CONTRACTS {
  const named = (name: string) => CONTRACTS.find((c) => c.spec === name || c.server === name);
  const unknown = names.filter((name) => !named(name));
  if (unknown.length > 0) throw new Error(`unknown spec ${unknown.join(', ')}; expected ${CONTRACTS.map((c) => `${c.spec} (${c.server})`).join(', ')}`);
  return names.length === 0 ? CONTRACTS : CONTRACTS.filter((c) => names.some((name) => named(name) === c));
}

async function main(): Promise<void> {
  const contracts = selectedContracts(process.argv.slice(2));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'standin-contract-'));
  const running: Standin[] = [];
  const results: { spec: string; run: DreddRun }[] = [];
  try {
    const standin = await start({ port: 0, storage: 'memory', env: CONTRACT_ENV });
    running.push(standin);
    const hookEnv: Environment = { ...CONTRACT_ENV };
    const strictS3 = await start({ servers: ['s3'], port: 0, storage: 'memory', env: { ...CONTRACT_ENV, ...STRICT_S3 } });
    running.push(strictS3);
    hookEnv.CONTRACT_S3_STRICT_URL = strictS3.urls.s3;
    const noIssuer = await start({ servers: ['image-api'], port: 0, storage: 'memory', env: { ...CONTRACT_ENV, AUTH_ISSUER: UNREACHABLE_ISSUER } });
    running.push(noIssuer);
    Object.assign(hookEnv, { CONTRACT_IMAGE_API_NO_ISSUER_URL: noIssuer.urls['image-api'], CONTRACT_UNREACHABLE_ISSUER: UNREACHABLE_ISSUER });
    for (const [variable, settings] of Object.entries(MISCONFIGURED_CLIENTS)) {
      const client = await start({ servers: ['client'], port: 0, storage: 'memory', env: { ...CONTRACT_ENV, ...settings(standin.urls['image-api'] as string) } });
      running.push(client);
      hookEnv[variable] = client.urls.client;
    }
    for (const { spec, server } of contracts) {
      const file = path.join(tmp, `${spec}.json`);
      await writeFile(file, JSON.stringify(await contractDocument(spec), null, 2));
      const hookfiles = [path.join(projectRoot, 'tests/contract/hooks/common.js'), path.join(projectRoot, `tests/contract/hooks/${spec}.js`)].filter((f) => existsSync(f));
      console.log(`\ncontract: ${spec} against ${standin.urls[server]}`);
      results.push({ spec, run: await runDredd(file, standin.urls[server] as string, hookfiles, hookEnv) });
    }
  } finally {
    for (const servers of running.reverse()) await servers.close();
    await rm(tmp, { recursive: true, force: true });
  }
  console.log('');
  for (const { spec, run } of results) console.log(`contract: ${spec.padEnd(16)} ${run.exitCode === 0 ? 'ok  ' : 'FAIL'} ${run.summary}`);
  const failed = results.filter(({ run }) => run.exitCode !== 0);
  if (failed.length > 0) {
    console.error(`contract: FAILED for ${failed.map(({ spec }) => spec).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('contract:', error);
  process.exit(1);
});
