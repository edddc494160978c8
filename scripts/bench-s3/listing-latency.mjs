// (c) ListObjectsV2 page latency in a bucket of 100k keys: every 1000-key page of a full walk by
// continuation token, then pages under a prefix with a delimiter (the roll-up path).
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';

export const KEY_COUNT = 100_000;
const key = (i) => `photos/${String(i % 100).padStart(2, '0')}/${String(i).padStart(6, '0')}.jpg`;

/** Seeds the bucket with empty objects by concurrent unsigned PUTs, `concurrency` at a time. */
export async function seedKeys(mock, concurrency = 16) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < KEY_COUNT) {
      const response = await fetch(`${mock.url}/${mock.bucket}/${key(next++)}`, { method: 'PUT', body: '' });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`seeding: PUT answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

async function listPage(mock, params) {
  const started = performance.now();
  const response = await fetch(`${mock.url}/${mock.bucket}?${new URLSearchParams({ 'list-type': '2', ...params })}`);
  const xml = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`ListObjectsV2 answered ${response.status}: ${xml.slice(0, 200)}`);
  const token = /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1];
  return { ms, keys: xml.split('<Key>').length - 1, prefixes: xml.split('<CommonPrefixes>').length - 1, token: token && decodeXml(token) };
}

function decodeXml(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Walks the whole bucket page by page; returns every page's latency and the key count seen. */
async function walk(mock, params) {
  const latencies = [];
  let listed = 0;
  let token;
  do {
    const page = await listPage(mock, { ...params, ...(token ? { 'continuation-token': token } : {}) });
    latencies.push(page.ms);
    listed += page.keys + page.prefixes;
    token = page.token;
  } while (token);
  return { latencies, listed };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function measureListing(mock) {
  const full = await walk(mock, { 'max-keys': '1000' });
  if (full.listed !== KEY_COUNT) throw new Error(`a full walk listed ${full.listed} keys, expected ${KEY_COUNT}`);
  const rolledUp = await walk(mock, { prefix: 'photos/', delimiter: '/', 'max-keys': '10' });
  if (rolledUp.listed !== 100) throw new Error(`listing photos/ by "/" gave ${rolledUp.listed} prefixes, expected 100`);
  const sorted = [...full.latencies].sort((a, b) => a - b);
  const rolled = [...rolledUp.latencies].sort((a, b) => a - b);
  return {
    pages: sorted.length,
    medianMs: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    delimiterPages: rolled.length,
    delimiterMedianMs: percentile(rolled, 50),
    delimiterP99Ms: percentile(rolled, 99),
  };
}
