/**
 * S3's `sequencer`: a hex string that grows with each change, so two events for one key order by
 * comparing it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 * Microseconds since the epoch, bumped when two changes share one, so it also grows across restarts.
 */
export class Sequencer {
  constructor(private last = 0) {}

  next(): string {
    this.last = Math.max(this.last + 1, Date.now() * 1000);
    return this.last.toString(16).toUpperCase().padStart(16, '0');
  }

  /** Continues after a sequencer already issued (read back at start-up). */
  resumeAfter(sequencer: string): void {
    this.last = Math.max(this.last, parseInt(sequencer, 16));
  }
}
