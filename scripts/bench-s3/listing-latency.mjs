// (c) ListObjectsV2 page latency in a bucket of 100k keys (seeded by store-seeding.mjs): every
// 1000-key page of a full walk by continuation token, then pages under a prefix with a delimiter
// (the roll-up path).
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';
import { FOLDER_COUNT, SEEDED_BUCKET, SEEDED_KEY_COUNT } from './store-seeding.mjs';

async function listPage(mock, params) {
  const started = performance.now();
  const response = await fetch(`${mock.url}/${SEEDED_BUCKET}?${new URLSearchParams({ 'list-type': '2', ...params })}`);
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

/** One unmeasured walk (statement caches, JIT), then two measured ones: 200 pages of 1000 keys. */
export async function measureListing(mock) {
  const pages = [];
  for (const measured of [false, true, true]) {
    const full = await walk(mock, { 'max-keys': '1000' });
    if (full.listed !== SEEDED_KEY_COUNT) throw new Error(`a full walk listed ${full.listed} keys, expected ${SEEDED_KEY_COUNT}`);
    if (measured) pages.push(...full.latencies);
  }
  const rolledUp = await walk(mock, { prefix: 'photos/', delimiter: '/', 'max-keys': '10' });
  if (rolledUp.listed !== FOLDER_COUNT) throw new Error(`listing photos/ by "/" gave ${rolledUp.listed} prefixes, expected ${FOLDER_COUNT}`);
  const sorted = pages.sort((a, b) => a - b);
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
