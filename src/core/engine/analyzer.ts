/**
 * Turning one source file's bytes into its analysis: decoding (binary, non-UTF-8), the lossless
 * pre-filter, and the tree-sitter analysis. The same function runs in process and in the worker
 * threads of pool.ts, so both give identical results.
 */
import type { ManifestFormat, ManifestResult, Problem } from '../model';
import { analyzePython, type FileAnalysis } from '../python/analyze';
import { PythonParser } from '../python/parser';
import { needsParseAt } from '../python/prefilter';
import { decodeText } from '../read/text';

/** Analyzes files; implemented in process (InProcessAnalyzer) and by a worker pool (pool.ts). */
export interface FileAnalyzer {
  analyze(path: string, bytes: Uint8Array, prefilter: boolean): Promise<FileAnalysis>;
  /** Parses a manifest where this analyzer parses (the pool: on a worker); absent: the caller parses it. */
  parseManifest?(format: ManifestFormat, path: string, text: string): Promise<ManifestResult>;
  dispose(): void;
}

/** An analysis that shows nothing (a file the pre-filter proves empty). */
export function emptyAnalysis(problems: Problem[] = []): FileAnalysis {
  return { observations: [], classes: [], imports: [], problems };
}

/** Decodes and analyzes one Python file. Never throws: every failure becomes a problem. */
export function analyzeSource(parser: PythonParser, path: string, bytes: Uint8Array, prefilter: boolean): FileAnalysis {
  try {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return emptyAnalysis([{ file: path, line: null, message: decoded.reason, severity: 'warning' }]);
    const problems: Problem[] = decoded.warning ? [{ file: path, line: null, message: decoded.warning, severity: 'info' }] : [];
    if (prefilter && !needsParseAt(path, decoded.text)) return emptyAnalysis(problems);
    // With the pre-filter on, inert function bodies are not parsed either (cut.ts).
    const analysis = analyzePython(parser, decoded.text, path, { skipInertBodies: prefilter });
    analysis.problems.unshift(...problems);
    return analysis;
  } catch (e) {
    return emptyAnalysis([{ file: path, line: null, message: `could not analyze: ${e instanceof Error ? e.message : String(e)}`, severity: 'warning' }]);
  }
}

/** Analyzes on the calling thread with one parser. */
export class InProcessAnalyzer implements FileAnalyzer {
  private constructor(
    private readonly parser: PythonParser,
    private readonly owned: boolean,
  ) {}

  /** Uses `parser` (the caller keeps ownership) or makes one that dispose() frees. */
  static async create(parser?: PythonParser): Promise<InProcessAnalyzer> {
    return new InProcessAnalyzer(parser ?? (await PythonParser.create()), !parser);
  }

  /** The parser, for the few things the session parses itself (setup.py). */
  get pythonParser(): PythonParser {
    return this.parser;
  }

  async analyze(path: string, bytes: Uint8Array, prefilter: boolean): Promise<FileAnalysis> {
    return analyzeSource(this.parser, path, bytes, prefilter);
  }

  dispose(): void {
    if (this.owned) this.parser.dispose();
  }
}
