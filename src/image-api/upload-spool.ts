import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const INCOMING_PREFIX = 'incoming-';

/**
 * Where uploaded originals wait for the worker: `<DATA_DIR>/image-api-uploads/<job_id>`, so a
 * restart finds the files of the jobs it resumes (STORAGE=memory: a temp folder removed on close).
 * A file is written under an `incoming-` name and renamed to its job id only once the upload is
 * accepted, so a half-received or refused upload never looks like a job's original.
 */
export class UploadSpool {
  private constructor(readonly dir: string, private readonly temporary: boolean) {}

  /** `awaited`: the ids of the jobs still to process, whose originals a restart must keep. */
  static async open(location: { storage: 'fs' | 'memory'; dataDir: string }, awaited: ReadonlySet<string>): Promise<UploadSpool> {
    if (location.storage === 'memory') {
      return new UploadSpool(await fs.mkdtemp(path.join(os.tmpdir(), 'standin-image-api-')), true);
    }
    const dir = path.join(location.dataDir, 'image-api-uploads');
    await fs.mkdir(dir, { recursive: true });
    const spool = new UploadSpool(dir, false);
    await spool.removeAbandoned(awaited);
    return spool;
  }

  /** A fresh path to receive one upload into. */
  incomingPath(): string {
    return path.join(this.dir, `${INCOMING_PREFIX}${randomUUID()}`);
  }

  /** Makes a received upload the original of `jobId`. */
  async commit(incomingPath: string, jobId: string): Promise<void> {
    await fs.rename(incomingPath, this.pathOf(jobId));
  }

  pathOf(jobId: string): string {
    return path.join(this.dir, jobId);
  }

  async discard(filePath: string): Promise<void> {
    await fs.rm(filePath, { force: true });
  }

  async close(): Promise<void> {
    if (this.temporary) await fs.rm(this.dir, { recursive: true, force: true });
  }

  /**
   * What a crash leaves is garbage: uploads cut off while being received, and originals whose job
   * ended (the process died before removing them) or was never recorded (it died in between).
   */
  private async removeAbandoned(awaited: ReadonlySet<string>): Promise<void> {
    const names = await fs.readdir(this.dir);
    await Promise.all(names.filter((name) => !awaited.has(name)).map((name) => this.discard(path.join(this.dir, name))));
  }
}
