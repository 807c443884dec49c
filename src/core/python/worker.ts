/**
 * Worker-thread entry: owns one parser and analyzes the files the pool sends it, and parses the
 * manifests it is given (so the caller's thread never loads WebAssembly nor runs the requirement
 * grammar). Loaded by pool.ts; in the bundles it is dist/worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeSource } from '../analyzer';
import { parseManifest } from '../manifests/index';
import type { ManifestFormat } from '../model';
import { PythonParser } from './parser';

/** A request from the pool: a Python file to analyze, or a manifest to parse. */
export type WorkerRequest =
  | { id: number; kind: 'analyze'; path: string; bytes: Uint8Array; prefilter: boolean }
  | { id: number; kind: 'manifest'; format: ManifestFormat; path: string; text: string };

const port = parentPort;

if (port) {
  const ready = PythonParser.create();
  port.on('message', (msg: WorkerRequest | 'close') => {
    if (msg === 'close') {
      void ready.then((p) => p.dispose()).finally(() => port.close());
      return;
    }
    void ready
      .then((parser) =>
        msg.kind === 'manifest'
          ? port.postMessage({ id: msg.id, manifest: parseManifest(msg.format, msg.text, msg.path, parser) })
          : port.postMessage({ id: msg.id, analysis: analyzeSource(parser, msg.path, msg.bytes, msg.prefilter) }),
      )
      .catch((e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }));
  });
}
