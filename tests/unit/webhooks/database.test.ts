import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebhookReceiver } from '../../../src/webhooks/webhook-receiver';
import { standardWebhooksHeaders } from './reference-signers';
import { MEMORY_CONFIG, delivery } from './receiver-fixture';

const WHSEC = `whsec_${Buffer.from('a standard webhooks key').toString('base64')}`;
const BODY = '{"type":"invoice.paid"}';

/** A DATA_DIR holding webhooks.db as version 1 of the receiver wrote it (fixtures/webhooks-v1.sql). */
function versionOneDataDir(): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-v1-'));
  const db = new Database(path.join(dataDir, 'webhooks.db'));
  db.exec(readFileSync(path.join(__dirname, 'fixtures/webhooks-v1.sql'), 'utf8'));
  db.close();
  return dataDir;
}

function userVersion(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'webhooks.db'), { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('upgrading a database written by version 1', () => {
  let dataDir: string;
  let receiver: WebhookReceiver | undefined;
  beforeEach(() => {
    dataDir = versionOneDataDir();
  });
  afterEach(() => {
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its events, and an unsigned message id stored then no longer makes the signed message a duplicate', async () => {
    receiver = new WebhookReceiver({ ...MEMORY_CONFIG, storage: 'fs', dataDir, secret: WHSEC });
    expect(receiver.events.get('evt_0194219be4000000000000000001')).toMatchObject({ deliveryId: 'msg_legacy', signature: { status: 'missing' } });
    const signed = await receiver.receive(delivery('legacy', BODY, standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_legacy' })));
    expect(signed).toMatchObject({ duplicate: false, event: { signature: { status: 'valid' } } });
    receiver.close();
    receiver = undefined;
    expect(userVersion(dataDir)).toBeGreaterThanOrEqual(2);
  });
});
