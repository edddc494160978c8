// (b) One 1 GiB PUT and GET through the mock, streamed both ways, while the mock's RSS is sampled:
// a server that streams keeps it flat, one that buffers grows by the object's size.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rssOf, withRssSampling } from './rss-sampler.mjs';
import { getStreamedDigest, putStreamed } from './transfer-clients.mjs';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export async function measureOneGib(mock) {
  const url = `${mock.url}/${mock.bucket}/one-gib.bin`;
  const baselineRss = await rssOf(mock.pid);
  let started = performance.now();
  const put = await withRssSampling(mock.pid, () => putStreamed(url, GiB, randomBytes(MiB)));
  const putSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const get = await withRssSampling(mock.pid, () => getStreamedDigest(url));
  const getSeconds = (performance.now() - started) / 1000;

  if (put.result.etag !== `"${put.result.md5}"`) throw new Error(`1 GiB PUT: ETag ${put.result.etag}, expected the MD5 "${put.result.md5}"`);
  if (get.result.bytes !== GiB || get.result.md5 !== put.result.md5) throw new Error(`1 GiB GET: ${get.result.bytes} bytes with MD5 ${get.result.md5}, not what was stored`);
  await fetch(url, { method: 'DELETE' });
  const peakRss = Math.max(put.peakRss, get.peakRss);
  return {
    putMiBps: GiB / MiB / putSeconds,
    getMiBps: GiB / MiB / getSeconds,
    baselineRssMB: baselineRss / 1e6,
    peakRssMB: peakRss / 1e6,
    growthMB: (peakRss - baselineRss) / 1e6,
    samples: put.samples + get.samples,
  };
}
