import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openImageApiDatabase } from '../../../src/image-api/database';
import { JobStore } from '../../../src/image-api/job-store';
import { WebhookOutbox } from '../../../src/image-api/webhook-outbox';
import { dataDirFromDump, schemaOf } from '../../support/sqlite-dump';

/** The schema version this image API writes. */
const LATEST_VERSION = 2;

describe('an image-api.db written before schema versions were counted (fixtures/image-api-v0.sql)', () => {
  let dataDir: string;
  let freshDir: string;
  beforeEach(() => {
    dataDir = dataDirFromDump(path.join(__dirname, 'fixtures/image-api-v0.sql'), 'image-api.db');
    freshDir = mkdtempSync(path.join(os.tmpdir(), 'image-api-fresh-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(freshDir, { recursive: true, force: true });
  });

  it('is adopted as schema version 1, then upgraded to the schema a new file gets', () => {
    openImageApiDatabase({ storage: 'fs', dataDir }).close();
    openImageApiDatabase({ storage: 'fs', dataDir: freshDir }).close();
    const upgraded = schemaOf(path.join(dataDir, 'image-api.db'));
    expect(upgraded.version).toBe(LATEST_VERSION);
    expect(upgraded).toEqual(schemaOf(path.join(freshDir, 'image-api.db')));
  });

  it('keeps its jobs, their results and the webhooks still to send', () => {
    const db = openImageApiDatabase({ storage: 'fs', dataDir });
    try {
      const jobs = new JobStore(db);
      const outbox = new WebhookOutbox(db);
      expect(jobs.get('job-done')).toMatchObject({
        status: 'completed', attempts: 1, ownerId: 'user-1', metadata: { context: 'demo' },
        result: { width: 2400, height: 1600, variants: [{ name: 'thumbnail', key: 'images/img-done/thumbnail.webp' }] },
        updatedAt: '2025-01-15T10:00:02.000Z',
      });
      expect(jobs.get('job-bad')).toMatchObject({ status: 'failed', error: 'not an image' });
      expect(jobs.unfinished().map((job) => job.jobId)).toEqual(['job-waiting']);
      expect(outbox.pending()).toMatchObject([{ deliveryId: 'msg_bad', jobId: 'job-bad', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:4000' }]);
      expect(outbox.forJob('job-done')).toMatchObject([{ deliveryId: 'msg_done', status: 'delivered' }]);

      jobs.startAttempt('job-waiting');
      jobs.fail('job-waiting', 'not an image');
      expect(jobs.unfinished()).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('upgrading an image-api.db written by version 1 (fixtures/image-api-v1.sql)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = dataDirFromDump(path.join(__dirname, 'fixtures/image-api-v1.sql'), 'image-api.db');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("takes each job's creation as the time its upload was requested, so a restart holds the slots of the last hour again", () => {
    const db = openImageApiDatabase({ storage: 'fs', dataDir });
    try {
      const jobs = new JobStore(db);
      expect(jobs.requestedSince(new Date('2025-01-15T09:40:00.000Z'))).toEqual([
        { ownerId: 'alice', requestedAt: '2025-01-15T10:00:00.000Z' },
        { ownerId: 'alice', requestedAt: '2025-01-15T10:20:00.000Z' },
        { ownerId: 'bob', requestedAt: '2025-01-15T10:40:00.000Z' },
      ]);
      expect(jobs.get('job-first')).toMatchObject({ status: 'failed', error: 'not an image', requestedAt: '2025-01-15T10:00:00.000Z', updatedAt: '2025-01-15T10:00:02.000Z' });
      expect(jobs.unfinished().map((job) => job.jobId)).toEqual(['job-second', 'job-bob']);
    } finally {
      db.close();
    }
    expect(schemaOf(path.join(dataDir, 'image-api.db')).version).toBe(LATEST_VERSION);
  });
});
