/**
 * Worker-thread entry: owns one parser and analyzes the files the pool sends it. Loaded by
 * pool.ts; in the bundles it is dist/worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeSource } from '../analyzer';
import { PythonParser } from './parser';

/** A request from the pool. */
export interface WorkerRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  prefilter: boolean;
}

const port = parentPort;
if (port) {
  const ready = PythonParser.create();
  port.on('message', (msg: WorkerRequest | 'close') => {
    if (msg === 'close') {
      void ready.then((p) => p.dispose()).finally(() => port.close());
      return;
    }
    void ready.then(
      (parser) => port.postMessage({ id: msg.id, analysis: analyzeSource(parser, msg.path, msg.bytes, msg.prefilter) }),
      (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}
