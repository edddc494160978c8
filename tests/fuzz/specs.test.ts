/**
 * Property-based fuzzing of every operation of the five specs (docs/ARCHITECTURE.md,
 * "Tests"). For each operation, requests generated from its dereferenced spec — valid ones
 * and broken ones (spec-arbitraries.ts) — go to the running server over plain node:http, and
 * every answer must hold response-expectations.ts: no 5xx the spec does not declare, the
 * request guard's 403s, S3 XML or problem+json errors; and after each the server still answers
 * /health.
 *
 * `npm test` sends FUZZ_RUNS=20 requests per operation with a fixed seed; `npm run fuzz` sends
 * 1000 with a new seed. The seed is in each test's name: FUZZ_SEED=<seed> replays a failure
 * (`npm run fuzz -- -t '<operationId>'` for one operation).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import YAML from 'yaml';
import { SERVER_NAMES, type ServerName } from '../../src';
import { specPath } from '../../src/kit';
import { signedRequest } from '../integration/s3/signed-request';
import { useStandin } from '../support/standin-harness';
import { bearerTokens } from './bearer-tokens';
import { send } from './fuzz-client';
import { violations, type RoutePolicy } from './response-expectations';
import { sampleFiles } from './sample-files';
import { requestArbitrary, type FuzzRequest, type RequestOptions } from './spec-arbitraries';
import { specOperations, type SpecOperation } from './spec-operations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20260109;
const REQUEST_TIMEOUT_MS = 10_000;
const JWT_SECRET = 'dev-secret-change-in-production';
/** A relying party's page may post these from any origin (README, "Security model"). */
const RELYING_PARTY_FORM_POSTS: readonly string[] = ['postAuthorize', 'postEndSession'];

/** Headers the S3 mock reads that its spec leaves to S3's documentation, with values S3 clients send. */
const S3_HEADERS: Record<string, string[]> = {
  'x-amz-meta-fuzz': ['value', ''],
  'content-md5': ['1B2M2Y8AsgTpgAmY7PhCfg==', 'not-base64'],
  'x-amz-content-sha256': ['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'content-encoding': ['aws-chunked', 'gzip', 'aws-chunked,gzip'],
  'x-amz-decoded-content-length': ['0', '5', '-1', '99999999999999999999'],
  'x-amz-trailer': ['x-amz-checksum-crc32', 'x-amz-checksum-nope'],
  range: ['bytes=0-0', 'bytes=-1', 'bytes=5-', 'bytes=1-0', 'bytes=0-1,3-4', 'bytes=99999999999999999999-', 'items=0-1'],
  'if-match': ['*', '"d41d8cd98f00b204e9800998ecf8427e"'],
  'if-none-match': ['*', '"x"'],
  'if-modified-since': ['Wed, 21 Oct 2015 07:28:00 GMT', 'yesterday'],
  'if-unmodified-since': ['Wed, 21 Oct 2015 07:28:00 GMT', '0'],
  'if-range': ['"x"', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  'x-amz-copy-source': ['/test-bucket/photos/2024/image.jpg', 'test-bucket/a?versionId=1', '/', '/test-bucket/'],
  'x-amz-copy-source-range': ['bytes=0-0', 'bytes=5-1', 'bytes=-1'],
  'x-amz-copy-source-if-match': ['"x"'],
  'x-amz-metadata-directive': ['COPY', 'REPLACE', 'MERGE'],
  'x-amz-tagging': ['a=b', '%zz=1', 'a=b&a=c'],
  'x-amz-tagging-directive': ['COPY', 'REPLACE'],
  'x-amz-acl': ['private', 'public-read', 'bucket-owner-full-control'],
  'x-amz-checksum-crc32': ['AAAAAA==', 'x'],
  'x-amz-checksum-sha256': ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
  'x-amz-sdk-checksum-algorithm': ['CRC32', 'MD4'],
  'x-amz-checksum-mode': ['ENABLED'],
  'x-amz-server-side-encryption': ['AES256', 'aws:kms', 'rot13'],
  'x-amz-server-side-encryption-customer-algorithm': ['AES256'],
  'x-amz-server-side-encryption-customer-key': ['AAAA'],
  'x-amz-storage-class': ['STANDARD', 'GLACIER', 'NOPE'],
  'x-amz-date': ['20260102T030405Z', 'yesterday'],
  'x-amz-object-attributes': ['ETag', 'ETag,ObjectParts,Nope'],
  authorization: ['AWS4-HMAC-SHA256 Credential=test-key/20260102/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00', 'AWS test-key:c2ln', 'AWS4-HMAC-SHA256'],
  expect: ['100-continue'],
};

/** The signature headers of the schemes the webhook receiver verifies. */
const WEBHOOK_HEADERS: Record<string, string[]> = {
  'x-webhook-signature': ['sha256=00', '00'],
  'x-hub-signature-256': ['sha256=00'],
  'webhook-id': ['msg_1', ''],
  'webhook-timestamp': ['1700000000', 'soon', '99999999999999999999'],
  'webhook-signature': ['v1,AAAA', 'v1a,x v1,'],
  'stripe-signature': ['t=1,v1=00', 't=,v1='],
};

interface FuzzedServer {
  name: ServerName;
  spec: string;
  route: (operation: SpecOperation, request: FuzzRequest) => Omit<RoutePolicy, 'alternatives'>;
  /** Whether `other` may serve a request generated for `operation` (see RoutePolicy.alternatives). */
  servesAlike?: (operation: SpecOperation, other: SpecOperation) => boolean;
  options: Omit<RequestOptions, 'files'>;
  /** S3: half the requests go out SigV4-signed, so they get past authentication into the handlers. */
  signs?: boolean;
}

const SERVERS: FuzzedServer[] = [
  {
    name: 's3',
    spec: 's3-mock',
    signs: true,
    // The S3 router takes every request but the JSON extras' exact paths: a garbled extra's path is an S3 request.
    route: (op, request) => (op.dispatch === 's3'
      ? { guardsOrigin: false, errors: 's3' }
      : { guardsOrigin: !request.pathGarbled, errors: request.pathGarbled ? 'either' : 'problem' }),
    // The S3 router names an operation by method, query flags and headers (src/s3/dispatch.ts).
    servesAlike: (op, other) => op.dispatch === 's3' && other.dispatch === 's3' && other.method === op.method,
    options: { extraHeaders: S3_HEADERS },
  },
  {
    name: 'webhooks',
    spec: 'webhook-receiver',
    // A garbled POST /webhooks/trigger may have become a delivery path, which any origin may post to.
    route: (op, request) => ({ guardsOrigin: op.operationId !== 'receiveWebhook' && !(op.operationId === 'triggerTestEvent' && request.pathGarbled), errors: 'problem' }),
    // A client's configured delay holds each delivery to it; keep it short.
    options: { extraHeaders: WEBHOOK_HEADERS, overrides: { putClientSettings: { 'response.delay_ms': { type: 'integer', minimum: 0, maximum: 20 } } } },
  },
  {
    name: 'auth',
    spec: 'auth-provider',
    // oidc-provider answers its endpoints' errors as OAuth JSON or HTML pages; the control API and the login page's calls as problems.
    route: (op) => ({ guardsOrigin: !RELYING_PARTY_FORM_POSTS.includes(op.operationId), errors: op.path.startsWith('/admin/') || op.path.includes('/interaction/{uid}/') ? 'problem' : 'oauth' }),
    options: {},
  },
  { name: 'image-api', spec: 'image-api', route: () => ({ guardsOrigin: true, errors: 'problem' }), options: { bearerTokens: bearerTokens(JWT_SECRET) } },
  {
    name: 'client',
    spec: 'client-app',
    route: () => ({ guardsOrigin: true, errors: 'problem' }),
    // A valid stress test really uploads `count` images; keep it small.
    options: { overrides: { runStressTest: { count: { type: 'integer', minimum: 1, maximum: 3 }, concurrency: { type: 'integer', minimum: 1, maximum: 2 } } } },
  },
];

/** Operation ids straight from the spec file, one test each; the dereferenced operations come from the running server. */
function operationIdsOf(spec: string): string[] {
  const document = YAML.parse(readFileSync(specPath(spec), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op?.operationId).filter((id): id is string => typeof id === 'string'));
}

/** The request SigV4-signed as the SDK would sign it; a request the SDK's signer cannot sign goes unsigned. */
async function signed(port: number, request: FuzzRequest): Promise<FuzzRequest> {
  try {
    const raw = await signedRequest(port, { method: request.method, path: request.target, headers: Object.fromEntries(request.headers), body: request.body });
    return { ...request, headers: Object.entries(raw.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'host') };
  } catch {
    return request;
  }
}

async function healthStatus(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  await response.arrayBuffer();
  return response.status;
}

const standin = useStandin({ servers: SERVER_NAMES, env: { WEBHOOK_REPLAY_TIMEOUT_MS: '2000' } });
let files: Buffer[];

beforeAll(async () => {
  files = await sampleFiles();
});

describe.each(SERVERS)('$name server under fuzzed requests', (server) => {
  let operations: Map<string, SpecOperation>;
  let port: number;

  beforeAll(async () => {
    port = standin.servers[server.name]!.port;
    const spec = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json();
    operations = new Map(specOperations(spec).map((op) => [op.operationId, op]));
  });

  it.each(operationIdsOf(server.spec))(`%s answers every request below 500 unless its spec says otherwise, and keeps answering (seed ${SEED})`, async (operationId) => {
    const operation = operations.get(operationId)!;
    const alternatives = [...operations.values()].filter((other) => other !== operation && server.servesAlike?.(operation, other));
    const requests = requestArbitrary(operation, { ...server.options, files: fc.oneof(fc.constantFrom(...files), fc.uint8Array({ maxLength: 4096 }).map(Buffer.from)) });
    const cases = fc.record({ request: requests, sign: server.signs ? fc.boolean() : fc.constant(false) });
    await fc.assert(
      fc.asyncProperty(cases, async ({ request, sign }) => {
        const sent = sign && request.host === 'own' ? await signed(port, request) : request;
        const response = await send(port, sent, REQUEST_TIMEOUT_MS);
        expect(violations(operation, { ...server.route(operation, request), alternatives }, sent, response)).toEqual([]);
        expect(await healthStatus(port)).toBe(200);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, Math.max(30_000, RUNS * 2_000));
});
