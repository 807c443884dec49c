/**
 * Worker-thread entry: owns one parser and analyzes the files the pool sends it, and parses the
 * manifests it is given (so the caller's thread never loads WebAssembly nor runs the requirement
 * grammar). Loaded by pool.ts; in the bundles it is dist/worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeSource } from './analyzer';
import { parseManifest } from '../manifests/index';
import type { ManifestFormat, ManifestResult } from '../model';
import type { FileAnalysis } from '../python/analyze';
import { PythonParser } from '../python/parser';

/** A request from the pool: a Python file to analyze, or a manifest to parse. */
export type WorkerRequest =
  | { id: number; kind: 'analyze'; path: string; bytes: Uint8Array; prefilter: boolean }
  | { id: number; kind: 'manifest'; format: ManifestFormat; path: string; text: string };

/**
 * What the pool posts: the requests it made in one turn of its event loop, as one message, or
 * 'close'. One message a batch, each way: a message between threads costs far more than a small
 * file's analysis takes to copy (50-80 µs a message on a 2-core VM, a fifth of a cold scan's
 * worker time on 5,000 small files).
 */
export type WorkerMessage = WorkerRequest[] | 'close';

/** The answer to one request; a batch is answered with one array of them. */
export interface WorkerReply {
  id: number;
  analysis?: FileAnalysis;
  manifest?: ManifestResult;
  error?: string;
}

function answer(parser: PythonParser, req: WorkerRequest): WorkerReply {
  try {
    return req.kind === 'manifest'
      ? { id: req.id, manifest: parseManifest(req.format, req.text, req.path, parser) }
      : { id: req.id, analysis: analyzeSource(parser, req.path, req.bytes, req.prefilter) };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}

const port = parentPort;
/** The id of the task being worked on (0: none), read by the pool's watchdog (pool.ts). */
const current = (workerData as { current?: Int32Array } | undefined)?.current ?? new Int32Array(1);

/** Answers a batch, saying which task it is on as it goes. */
function answerAll(parser: PythonParser, batch: WorkerRequest[]): WorkerReply[] {
  const replies = batch.map((req) => {
    Atomics.store(current, 0, req.id);
    return answer(parser, req);
  });
  Atomics.store(current, 0, 0);
  return replies;
}

if (port) {
  const ready = PythonParser.create();
  port.on('message', (msg: WorkerMessage) => {
    if (msg === 'close') {
      void ready.then((p) => p.dispose()).finally(() => port.close());
      return;
    }
    void ready
      .then((parser) => port.postMessage(answerAll(parser, msg)))
      .catch((e: unknown) => port.postMessage(msg.map((req): WorkerReply => ({ id: req.id, error: e instanceof Error ? e.message : String(e) }))));
  });
}
