import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SWC_REGISTER = path.join(__dirname, '../../support/swc-register.js');
const PAYLOAD_CHECK_THREAD = path.join(__dirname, '../../../src/webhooks/payload-check-thread.ts');

describe('the payload check thread', () => {
  it('never keeps the process alive: a process that leaves its thread running ends once the rest of its work is done', () => {
    const script = `
      const { PayloadCheckThread } = require(${JSON.stringify(PAYLOAD_CHECK_THREAD)});
      // The process's own work: held open until the check has answered, then let go.
      const work = setInterval(() => undefined, 1000);
      new PayloadCheckThread().check({ type: 'object' }, { a: 1 }).then((judgement) => {
        console.log(JSON.stringify(judgement));
        clearInterval(work);
      });
    `;
    const child = spawnSync(process.execPath, ['-r', SWC_REGISTER, '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(JSON.parse(child.stdout)).toMatchObject({ valid: true });
  });
});
