import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { putJson } from './receiver-requests';

/** Decoded as Standard Webhooks reads whsec_ secrets, this is an empty key: anyone can sign with it. */
export const KEYLESS_SECRET = 'whsec_!!!';

/**
 * A receiver (file storage, on a new DATA_DIR) whose clients `clientIds` have settings stored by
 * an older receiver that this one refuses: the keyless secret with scheme auto. Stripe takes the
 * secret as written; the scheme is then set back to auto in SQLite, as such a receiver stored it.
 */
export async function receiverWithKeylessSecrets(clientIds: string[]): Promise<{ receiver: RunningServer; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-stored-secrets-'));
  const before = await startServer('webhooks', { dataDir });
  for (const clientId of clientIds) await putJson(`${before.url}/webhooks/clients/${clientId}`, { scheme: 'stripe', secret: KEYLESS_SECRET });
  await before.close();
  const db = new Database(path.join(dataDir, 'webhooks.db'));
  db.prepare('UPDATE clients SET scheme = NULL').run();
  db.close();
  const receiver = await startServer('webhooks', { dataDir });
  return {
    receiver,
    close: async () => {
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
