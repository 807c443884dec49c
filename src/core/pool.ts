/**
 * A pool of worker threads that parse in parallel, off the caller's thread (Node: the CLI and the
 * VS Code extension host). Each worker owns one parser; a task goes to the worker with the fewest bytes waiting. Where
 * workers cannot start (or a platform has none), callers fall back to InProcessAnalyzer.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalyzer } from './analyzer';
import type { FileAnalysis } from './python/analyze';

interface Pending {
  resolve: (a: FileAnalysis) => void;
  reject: (e: Error) => void;
  bytes: number;
}

interface Slot {
  worker: Worker;
  /** Bytes given to the worker and not yet answered: parse time follows size, not file count. */
  busy: number;
  pending: Map<number, Pending>;
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

  constructor(size: number) {
    const entry = workerEntry();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry.file, { execArgv: entry.execArgv });
      const slot: Slot = { worker, busy: 0, pending: new Map() };
      worker.on('message', (msg: { id: number; analysis?: FileAnalysis; error?: string }) => {
        const p = slot.pending.get(msg.id);
        if (!p) return;
        slot.pending.delete(msg.id);
        slot.busy -= p.bytes;
        if (msg.analysis) p.resolve(msg.analysis);
        else p.reject(new Error(msg.error ?? 'worker failed'));
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
    if (this.disposed) return Promise.reject(new Error('pool disposed'));
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const id = this.nextId++;
    // +1: an empty file still costs a round trip.
    const cost = bytes.byteLength + 1;
    slot.busy += cost;
    return new Promise<FileAnalysis>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, bytes: cost });
      slot.worker.postMessage({ id, path, bytes, prefilter });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.slots) {
      s.worker.postMessage('close');
      void s.worker.terminate();
    }
  }
}
