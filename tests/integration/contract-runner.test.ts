/**
 * `npm run test:contract -- <name>` (README, "Scripts") checks one server against its spec. The
 * built runner (`npm test` builds first) starts its servers on ephemeral ports.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const runner = path.join(__dirname, '../../dist/scripts/contract-test.js');

describe('the contract runner', () => {
  it("takes a server by the name standin start gives it (auth), not only by its spec's (auth-provider)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [runner, 'auth'], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(/^contract: auth-provider +ok /m);
    expect(stdout).not.toMatch(/^contract: s3-mock/m);
  }, 120000);
});
