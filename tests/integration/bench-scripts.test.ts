/**
 * `npm run bench` (README, "Speed") runs each scripts/bench-*.mjs against the build (`npm test`
 * builds first). Their figures are not checked here (speed is measured, not asserted): each one,
 * run as small as its options allow, must still start its servers, drive them and print its summary.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const scripts = path.join(__dirname, '../../scripts');

/** The JSON summary line a benchmark prints last. */
async function summaryOf(script: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(scripts, script), ...args], { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

describe('the benchmarks', () => {
  it('time the start-up of the S3 mock, all five servers and s3rver', async () => {
    const summary = await summaryOf('bench-startup.mjs', ['--rounds', '1']);
    expect(summary.bench).toBe('startup');
    expect((summary.cases as { start: string }[]).map((row) => row.start)).toEqual([
      'S3 mock alone, CLI', 'S3 mock alone, start()', 'all 5 servers, CLI', 'all 5 servers, start()', 's3rver (reference)',
    ]);
  }, 120000);

  it('compare webhook ingest with a bare HMAC checker, every acknowledged delivery stored', async () => {
    const summary = await summaryOf('bench-webhooks.mjs', ['--quick']);
    expect(summary).toMatchObject({ bench: 'webhooks' });
    expect(summary.stored_events).toBe(summary.acknowledged);
  }, 120000);

  it('compare the S3 mock with s3rver and a bare server on every row of the table', async () => {
    const summary = await summaryOf('bench-s3.mjs', ['--quick', '--big-mib', '4', '--list-keys', '50', '--warm-up', '1', '--seconds', '1']);
    expect(summary.bench).toBe('s3');
    expect((summary.rows as unknown[]).length).toBeGreaterThanOrEqual(8);
  }, 180000);
});
