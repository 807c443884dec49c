/**
 * A pool of worker threads that parse in parallel, off the caller's thread. Tasks wait in one queue
 * and go out in batches of ≤ 48 KB, at most two per worker, so workers finish together. Where
 * workers cannot start, callers fall back to InProcessAnalyzer. Measurements: docs/performance.md.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalyzer } from './analyzer';
import type { ManifestFormat, ManifestResult } from '../model';
import type { FileAnalysis } from '../python/analyze';
import type { WorkerMessage, WorkerReply as Reply, WorkerRequest } from './worker';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (e: Error) => void;
}

/** A task not yet handed to a worker. */
interface Queued extends Pending {
  request: WorkerRequest;
  /** What it weighs in a batch: its size in bytes, plus one (an empty file still costs a round trip). */
  cost: number;
}

interface Slot {
  worker: Worker;
  /** Requests handed to the worker and not yet answered. */
  pending: Map<number, Pending>;
  /** Batches posted and not yet answered (the worker answers a batch with one message). */
  batches: number;
  /** Set when the worker failed or exited: it gets no more batches. */
  dead?: Error;
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

  constructor(size: number) {
    const entry = workerEntry();
    for (let i = 0; i < size; i++) {
      // A heap ceiling: a worker that runs out of memory ends with an error of its own (its tasks
      // fail and name their files) instead of aborting the whole process, the extension host with it.
      const worker = new Worker(entry.file, { execArgv: entry.execArgv, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      const slot: Slot = { worker, pending: new Map(), batches: 0 };
      worker.on('message', (replies: Reply[]) => {
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
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', () => this.fail(slot, new Error('worker exited')));
      this.slots.push(slot);
    }
  }

  private fail(slot: Slot, e: Error): void {
    slot.dead ??= e;
    for (const p of slot.pending.values()) p.reject(e);
    slot.pending.clear();
    slot.batches = 0;
    // With no worker left, nothing queued would ever be answered.
    if (this.slots.every((s) => s.dead)) this.rejectQueued(e);
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

  /**
   * Makes every worker forget what it remembers between scans (parsed requirement lines), so that
   * the next scan is as cold as a new process's: the benchmark's cold runs.
   */
  forgetRemembered(): void {
    if (this.disposed) return;
    for (const s of this.slots) s.worker.postMessage('forget' satisfies WorkerMessage);
  }

  /** Queues a task; it is handed out at the end of this turn (with the others queued in it) or when a worker has room. */
  private send(request: DistributiveOmit<WorkerRequest, 'id'>, size: number): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error('pool disposed'));
    const dead = this.slots.every((s) => s.dead) ? this.slots[0]?.dead : undefined;
    if (dead) return Promise.reject(dead);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.queue.push({ request: { ...request, id } as WorkerRequest, cost: size + 1, resolve, reject });
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
        slot.pending.set(q.request.id, { resolve: q.resolve, reject: q.reject });
      }
      slot.batches++;
      slot.worker.postMessage(batch satisfies WorkerMessage);
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
    for (const s of this.slots) {
      s.worker.postMessage('close' satisfies WorkerMessage);
      void s.worker.terminate();
    }
  }
}
