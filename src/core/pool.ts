/**
 * A pool of worker threads that parse in parallel, off the caller's thread (Node: the CLI and the
 * VS Code extension host). Each worker owns one parser; a task goes to the worker with the fewest bytes waiting. Where
 * workers cannot start (or a platform has none), callers fall back to InProcessAnalyzer.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalyzer } from './analyzer';
import type { ManifestFormat, ManifestResult } from './model';
import type { FileAnalysis } from './python/analyze';
import type { WorkerMessage, WorkerReply as Reply, WorkerRequest } from './python/worker';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (e: Error) => void;
  bytes: number;
}

interface Slot {
  worker: Worker;
  /** Bytes given to the worker and not yet answered: parse time follows size, not file count. */
  busy: number;
  pending: Map<number, Pending>;
  /** Requests not yet posted: posted together, as one message, at the end of this turn. */
  queue: WorkerRequest[];
}

/** Where the worker script is: beside the bundle, or the TypeScript source under tsx (tests). */
function workerEntry(): { file: string; execArgv?: string[] } {
  const bundled = nodePath.join(__dirname, 'worker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  const source = nodePath.join(__dirname, 'python', 'worker.ts');
  const register = nodePath.join(__dirname, '..', '..', 'test', 'register.js');
  return { file: source, execArgv: ['--require', 'tsx/cjs', '--require', register] };
}

/** Parses on `size` worker threads. */
export class WorkerPoolAnalyzer implements FileAnalyzer {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private disposed = false;
  private flushing = false;

  constructor(size: number) {
    const entry = workerEntry();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry.file, { execArgv: entry.execArgv });
      const slot: Slot = { worker, busy: 0, pending: new Map(), queue: [] };
      worker.on('message', (replies: Reply[]) => {
        for (const msg of replies) {
          const p = slot.pending.get(msg.id);
          if (!p) continue;
          slot.pending.delete(msg.id);
          slot.busy -= p.bytes;
          if (msg.error === undefined) p.resolve(msg);
          else p.reject(new Error(msg.error));
        }
      });
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', () => this.fail(slot, new Error('worker exited')));
      this.slots.push(slot);
    }
  }

  private fail(slot: Slot, e: Error): void {
    for (const p of slot.pending.values()) p.reject(e);
    slot.pending.clear();
    slot.busy = 0;
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

  /** Gives a task to the worker with the fewest bytes waiting. */
  private send(request: DistributiveOmit<WorkerRequest, 'id'>, size: number): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error('pool disposed'));
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const id = this.nextId++;
    // +1: an empty file still costs a round trip.
    const cost = size + 1;
    slot.busy += cost;
    return new Promise<Reply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, bytes: cost });
      slot.queue.push({ ...request, id } as WorkerRequest);
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Posts each worker's queued requests as one message. */
  private flush(): void {
    this.flushing = false;
    if (this.disposed) return;
    for (const slot of this.slots) {
      if (slot.queue.length === 0) continue;
      const batch: WorkerMessage = slot.queue;
      slot.queue = [];
      slot.worker.postMessage(batch);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.slots) {
      for (const r of s.queue) s.pending.get(r.id)?.reject(new Error('pool disposed'));
      s.queue = [];
      s.worker.postMessage('close' satisfies WorkerMessage);
      void s.worker.terminate();
    }
  }
}
