import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../kit/module-worker';
import { notJudged, WORKER_READY, type PayloadCheckRequest, type PayloadJudgement } from './payload-validation';

/**
 * How long one body's check may run. A schema can take time exponential in its size (anyOf
 * nested in anyOf, every branch failing deep down: 20 levels of two took 7 s on one body), and
 * ajv's code cannot be interrupted, so it runs in a worker thread that is stopped at this limit.
 */
export const PAYLOAD_CHECK_TIME_LIMIT_MS = 1000;

/**
 * How many checks may wait behind the one running. Each may take the whole time limit, so the
 * last waits at most 9 s before its own check starts: within the 10 s GitHub gives a delivery.
 * A burst for a client with a slow schema beyond that is stored at once, not judged.
 */
export const MAX_WAITING_CHECKS = 8;

const WORKER_MODULE = path.join(__dirname, `payload-check-worker${path.extname(__filename)}`);

interface Check {
  schema: Record<string, unknown>;
  json: unknown;
  done: (judgement: PayloadJudgement) => void;
}

const STOPPED = notJudged('the receiver stopped before the body was checked');
const QUEUE_FULL = notJudged(`check queue full: ${MAX_WAITING_CHECKS} checks were already waiting for the check thread, so this body was not checked rather than wait behind them; the delivery is stored as received`);

/**
 * Judges bodies in a worker thread, one at a time, off the thread that serves every request: a
 * check past its time limit is stopped with its worker (the next check starts another), and the
 * delivery is stored not judged, saying why: stopped, the check reached no verdict. So is one
 * that finds MAX_WAITING_CHECKS waiting already, rather than wait in an unbounded line.
 */
export class PayloadCheckThread {
  private worker: Worker | null = null;
  private ready = false;
  private readonly waiting: Check[] = [];
  private running: { check: Check; timer: NodeJS.Timeout } | null = null;
  /**
   * Schemas get ids, so a worker is sent each schema once, then only its id. The same schema
   * registered again is the same id (compiled again, one with an `$id` would clash with itself).
   */
  private readonly schemaIds = new WeakMap<object, number>();
  private readonly idsByJson = new Map<string, number>();
  /** The ids of the schemas the current worker holds. */
  private sent = new Set<number>();
  private closed = false;

  constructor(private readonly timeLimitMs = PAYLOAD_CHECK_TIME_LIMIT_MS) {}

  /** Starts the worker ahead of the first check: loading its modules takes a moment. */
  start(): void {
    if (!this.closed) this.worker ??= this.spawn();
  }

  check(schema: Record<string, unknown>, json: unknown): Promise<PayloadJudgement> {
    if (this.closed) return Promise.resolve(STOPPED);
    if (this.waiting.length >= MAX_WAITING_CHECKS) return Promise.resolve(QUEUE_FULL);
    return new Promise((done) => {
      this.waiting.push({ schema, json, done });
      this.next();
    });
  }

  close(): void {
    this.closed = true;
    this.stop(STOPPED);
    for (const check of this.waiting.splice(0)) check.done(STOPPED);
  }

  private spawn(): Worker {
    const worker = startModuleWorker(WORKER_MODULE);
    this.ready = false;
    this.sent = new Set();
    worker.on('message', (message: PayloadJudgement | typeof WORKER_READY) => {
      if (worker !== this.worker) return;
      if (message === WORKER_READY) {
        this.ready = true;
        this.next();
      } else {
        this.finish(message);
      }
    });
    const failed = (why: string) => {
      if (worker !== this.worker) return;
      // A worker that cannot start fails every check waiting, rather than being started again and again.
      if (!this.ready) for (const check of this.waiting.splice(0)) check.done(notJudged(`the body could not be checked: ${why}`));
      this.stop(notJudged(`the check stopped: ${why}`));
      this.next();
    };
    worker.on('error', (error) => failed(error.message));
    worker.on('exit', (code) => failed(`its thread ended (exit code ${code})`));
    // The servers' own handles keep the process alive, never the worker. After the 'message'
    // listener: adding one holds the worker's port again, and with it the process.
    worker.unref();
    return worker;
  }

  private next(): void {
    if (this.closed || this.running || this.waiting.length === 0) return;
    this.worker ??= this.spawn();
    if (!this.ready) return;
    const check = this.waiting.shift() as Check;
    const schemaId = this.idOf(check.schema);
    const request: PayloadCheckRequest = { schemaId, schema: this.sent.has(schemaId) ? undefined : check.schema, json: check.json };
    try {
      this.worker.postMessage(request);
    } catch (error) {
      // structuredClone's limits, such as a body nested deeper than it goes.
      check.done(notJudged(`the body could not be passed to the check: ${(error as Error).message}`));
      this.next();
      return;
    }
    this.sent.add(schemaId);
    const timer = setTimeout(() => {
      this.stop(notJudged(`the check exceeded ${this.timeLimitMs} ms, so it was stopped before reaching a verdict (the schema's work grows too fast with the body, as nested anyOf or oneOf whose branches all fail do); the delivery is stored as received`));
      this.next();
    }, this.timeLimitMs);
    this.running = { check, timer };
  }

  private finish(judgement: PayloadJudgement): void {
    const { running } = this;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = null;
    running.check.done(judgement);
    this.next();
  }

  /** Ends the worker and the check it was running, which is judged `verdict`; the next check starts another worker. */
  private stop(verdict: PayloadJudgement): void {
    const { worker, running } = this;
    this.worker = null;
    this.ready = false;
    void worker?.terminate();
    if (running) {
      clearTimeout(running.timer);
      this.running = null;
      running.check.done(verdict);
    }
  }

  private idOf(schema: object): number {
    let id = this.schemaIds.get(schema);
    if (id === undefined) {
      // Every schema serialises: a client's was refused at registration otherwise, and the image API's are JSON.
      const json = JSON.stringify(schema);
      id = this.idsByJson.get(json) ?? this.idsByJson.size;
      this.idsByJson.set(json, id);
      this.schemaIds.set(schema, id);
    }
    return id;
  }
}
