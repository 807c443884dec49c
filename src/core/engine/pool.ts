/**
 * A pool of worker threads that parse in parallel, off the caller's thread. Tasks wait in one queue
 * and go out in batches of ≤ 48 KB, at most two per worker, so workers finish together. A worker
 * that crashes, runs out of memory or spends longer than the task ceiling on one task is ended and
 * replaced: that task fails with a message, the rest of its batches go out again. Where workers
 * cannot start, callers fall back to InProcessAnalyzer. Measurements: docs/performance.md.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalyzer } from './analyzer';
import type { ManifestFormat, ManifestResult } from '../model';
import type { FileAnalysis } from '../python/analyze';
import type { WorkerMessage, WorkerReply as Reply, WorkerRequest } from './worker';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A task, queued or handed to a worker. */
interface Queued {
  request: WorkerRequest;
  /** What it weighs in a batch: its size in bytes, plus one (an empty file still costs a round trip). */
  cost: number;
  /** How many times a worker ended while holding it (it is failed at the second). */
  lost: number;
  resolve: (reply: Reply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Requests handed to the worker and not yet answered. */
  pending: Map<number, Queued>;
  /** Batches posted and not yet answered (the worker answers a batch with one message). */
  batches: number;
  /** The id of the task the worker is on (0: none), written by the worker (worker.ts). */
  current: Int32Array;
  /** The task seen running at the last watchdog tick, and since when. */
  seen: { id: number; since: number };
  /** Whether the worker ever answered: one that fails before that is not replaced (it cannot start). */
  answered: boolean;
  /** Set when the worker failed or exited and was not replaced: it gets no more batches. */
  dead?: Error;
}

/** Options for tests; the defaults are what the product uses. */
export interface PoolOptions {
  /** How long one task may run before its worker is ended (ms). */
  taskCeilingMs?: number;
  /** The V8 heap a worker may use (MB). */
  heapMb?: number;
}

/** At most this many batches are handed to one worker at a time: one to work on, one waiting. */
const BATCHES_PER_WORKER = 2;

/**
 * A batch holds tasks up to this many bytes (at least one task). Smaller batches balance the
 * workers better at the end of a scan; each batch costs a message each way (50-80 µs).
 */
const BATCH_BYTES = 48_000;

/** Where the worker script is: beside the bundle, or the TypeScript source under tsx (tests). */
function workerEntry(): { file: string; execArgv?: string[] } {
  const bundled = nodePath.join(__dirname, 'worker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  const source = nodePath.join(__dirname, 'worker.ts');
  const register = nodePath.join(__dirname, '..', '..', '..', 'test', 'register.js');
  return { file: source, execArgv: ['--require', 'tsx/cjs', '--require', register] };
}

/** The V8 heap a parse worker may use (MB); the largest file allowed needs a fraction of it. */
const WORKER_HEAP_MB = 1024;

/**
 * How long one task may run. The work budgets (parser.ts) stop every known slow input within
 * seconds; this wall-clock ceiling is the last line for one that is not known yet.
 */
export const TASK_CEILING_MS = 60_000;

/** How often the watchdog looks at what each worker is on. */
const WATCH_MS = 250;

/** Parses on `size` worker threads. */
export class WorkerPoolAnalyzer implements FileAnalyzer {
  private readonly slots: Slot[] = [];
  /**
   * Tasks not yet handed out, oldest first (`head` is the next one). A task handed out leaves its
   * place empty (it holds the file's bytes), and the array is cut when half of it is empty.
   */
  private queue: (Queued | undefined)[] = [];
  private head = 0;
  private nextId = 1;
  private disposed = false;
  private flushing = false;

  private readonly entry = workerEntry();
  private readonly taskCeilingMs: number;
  private readonly heapMb: number;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(size: number, options: PoolOptions = {}) {
    this.taskCeilingMs = options.taskCeilingMs ?? TASK_CEILING_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** Starts a worker and wires it to a new slot. */
  private start(): Slot {
    const current = new Int32Array(new SharedArrayBuffer(4));
    // A heap ceiling: a worker that runs out of memory ends with an error of its own instead of
    // aborting the whole process, the extension host with it.
    const worker = new Worker(this.entry.file, { execArgv: this.entry.execArgv, workerData: { current }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const slot: Slot = { worker, pending: new Map(), batches: 0, current, seen: { id: 0, since: 0 }, answered: false };
    worker.on('message', (replies: Reply[]) => {
      slot.answered = true;
      if (slot.batches > 0) slot.batches--;
      for (const msg of replies) {
        const p = slot.pending.get(msg.id);
        if (!p) continue;
        slot.pending.delete(msg.id);
        if (msg.error === undefined) p.resolve(msg);
        else p.reject(new Error(msg.error));
      }
      // The worker has room for another batch: hand it out now, not a turn later.
      this.flush();
    });
    worker.on('error', (e) => this.lose(slot, worker, workerError(e, this.heapMb)));
    worker.on('exit', () => this.lose(slot, worker, 'the worker thread exited'));
    return slot;
  }

  /**
   * A worker ended (crash, out of memory, or stopped by the watchdog), for `reason`. The task it
   * was on fails; its other tasks go back to the front of the queue; a worker that had answered
   * or was on a task is replaced, one that never could start is not.
   */
  private lose(slot: Slot, worker: Worker, reason: string): void {
    if (slot.worker !== worker || slot.dead || this.disposed) return;
    const on = Atomics.load(slot.current, 0);
    const replace = slot.answered || on !== 0;
    const e = new Error(`${reason}; ${replace ? 'its worker was stopped and replaced' : 'the worker could not start'}`);
    const again: Queued[] = [];
    for (const [id, q] of slot.pending) {
      if (id === on || ++q.lost > 1) q.reject(e);
      else again.push(q);
    }
    slot.pending.clear();
    slot.batches = 0;
    if (again.length > 0) {
      this.queue = [...again, ...this.queue.slice(this.head)];
      this.head = 0;
    }
    if (replace) {
      // The old slot is retired: later events of its worker (exit after error) are ignored.
      slot.dead = e;
      void worker.terminate();
      this.slots[this.slots.indexOf(slot)] = this.start();
      this.flush();
      return;
    }
    slot.dead = e;
    // With no worker left, nothing queued would ever be answered.
    if (this.slots.every((s) => s.dead)) this.rejectQueued(e);
  }

  /** Ends a worker that has been on one task for longer than the ceiling. */
  private watch(): void {
    const now = Date.now();
    let busy = false;
    for (const slot of [...this.slots]) {
      if (slot.dead || slot.batches === 0) continue;
      busy = true;
      const id = Atomics.load(slot.current, 0);
      if (id === 0 || id !== slot.seen.id) slot.seen = { id, since: now };
      else if (now - slot.seen.since > this.taskCeilingMs) {
        this.lose(slot, slot.worker, `ran longer than ${this.taskCeilingMs / 1000} s`);
      }
    }
    if (!busy && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
  }

  private rejectQueued(e: Error): void {
    const left = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    for (const q of left) q?.reject(e);
  }

  analyze(path: string, bytes: Uint8Array, prefilter: boolean): Promise<FileAnalysis> {
    return this.send({ kind: 'analyze', path, bytes, prefilter }, bytes.byteLength).then((r) => r.analysis ?? Promise.reject(new Error('worker gave no analysis')));
  }

  parseManifest(format: ManifestFormat, path: string, text: string): Promise<ManifestResult> {
    return this.send({ kind: 'manifest', format, path, text }, text.length).then((r) => r.manifest ?? Promise.reject(new Error('worker gave no result')));
  }

  /** Queues a task; it is handed out at the end of this turn (with the others queued in it) or when a worker has room. */
  private send(request: DistributiveOmit<WorkerRequest, 'id'>, size: number): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error('pool disposed'));
    const dead = this.slots.every((s) => s.dead) ? this.slots[0]?.dead : undefined;
    if (dead) return Promise.reject(dead);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.queue.push({ request: { ...request, id } as WorkerRequest, cost: size + 1, lost: 0, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => {
          this.flushing = false;
          this.flush();
        });
      }
    });
  }

  /** Hands queued tasks out, a batch (one message) at a time, to the workers that have room. */
  private flush(): void {
    if (this.disposed) return;
    for (;;) {
      if (this.head >= this.queue.length) {
        this.queue = [];
        this.head = 0;
        return;
      }
      // The live worker with the fewest batches in hand.
      let slot: Slot | undefined;
      for (const s of this.slots) if (!s.dead && s.batches < BATCHES_PER_WORKER && (!slot || s.batches < slot.batches)) slot = s;
      if (!slot) return;
      const batch: WorkerRequest[] = [];
      let bytes = 0;
      while (this.head < this.queue.length && (batch.length === 0 || bytes + this.queue[this.head]!.cost <= BATCH_BYTES)) {
        const q = this.queue[this.head]!;
        this.queue[this.head++] = undefined;
        bytes += q.cost;
        batch.push(q.request);
        slot.pending.set(q.request.id, q);
      }
      slot.batches++;
      slot.worker.postMessage(batch satisfies WorkerMessage);
      this.watchdog ??= setInterval(() => this.watch(), WATCH_MS).unref();
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.rejectQueued(new Error('pool disposed'));
    if (this.watchdog) clearInterval(this.watchdog);
    for (const s of this.slots) {
      s.worker.postMessage('close' satisfies WorkerMessage);
      void s.worker.terminate();
    }
  }
}

/** What a worker's error event says: running out of memory in words. */
function workerError(e: Error, heapMb: number): string {
  return (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of memory (${heapMb} MB)` : e.message;
}
