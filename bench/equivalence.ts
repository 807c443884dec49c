/**
 * `npm run equivalence -- DIR...`: the "parse less" levers checked file by file on real code. For
 * every `.py` file under the folders given (the workspace walk's own rules: no VCS folders, virtual
 * environments, caches), the analysis with the pre-filter and the cutting of inert regions must be
 * the analysis of the whole file parsed (observations, classes with their evidence, imports,
 * problems). Prints, per folder, the files compared, how many the pre-filter skipped, the share of
 * bytes cut from the rest, and every difference; exits 1 on any.
 *
 * The benchmark compares whole assessments (cold against parse-everything); this compares each
 * file's analysis, which also catches a difference that the verdict happens not to show.
 */
import { isDeepStrictEqual } from 'node:util';
import * as path from 'node:path';
import { analyzeSource } from '../src/core/engine/analyzer';
import { walk } from '../src/core/read/discovery';
import { cutInertRegions } from '../src/core/python/cut';
import { PythonParser } from '../src/core/python/parser';
import { MIGRATION_MODULE, needsParseAt } from '../src/core/python/prefilter';
import { decodeText } from '../src/core/read/text';
import { NodeWorkspace } from '../src/core/read/workspace';
import { runScript } from './run';

async function main(): Promise<number> {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('usage: npm run equivalence -- DIR...\n');
    return 2;
  }
  const parser = await PythonParser.create();
  let differences = 0;
  try {
    for (const dir of dirs) {
      const ws = new NodeWorkspace(path.resolve(dir));
      const { files } = await walk(ws);
      let compared = 0;
      let skipped = 0;
      let bytes = 0;
      let cutBytes = 0;
      let fellBack = 0;
      for (const f of files) {
        if (!f.path.endsWith('.py')) continue;
        const raw = await ws.readFile(f.path);
        const fast = analyzeSource(parser, f.path, raw, true);
        const full = analyzeSource(parser, f.path, raw, false);
        compared++;
        const decoded = decodeText(raw);
        if (decoded.ok) {
          if (!needsParseAt(f.path, decoded.text)) skipped++;
          else {
            bytes += decoded.text.length;
            const cut = cutInertRegions(decoded.text);
            if (cut) {
              cutBytes += decoded.text.length - cut.text.length;
              // A cut text that does not parse cleanly (where the original does) costs a second parse.
              if (parser.withTree(cut.text, (t) => t.rootNode.hasError) && !parser.withTree(decoded.text, (t) => t.rootNode.hasError)) fellBack++;
            }
          }
        }
        // A file the pre-filter skips loses only its syntax-error problem and its list of imported
        // modules, which nothing reads; of a migration module only its Flask apps are read
        // (prefilter.ts).
        const skip = decoded.ok && !needsParseAt(f.path, decoded.text);
        const comparable = (a: typeof fast) =>
          MIGRATION_MODULE.test(f.path)
            ? a.observations.filter((o) => o.kind === 'app' && o.framework === 'flask')
            : { ...a, imports: skip ? [] : a.imports, problems: a.problems.filter((p) => !skip || !/syntax error/.test(p.message)) };
        if (!isDeepStrictEqual(comparable(fast), comparable(full))) {
          differences++;
          process.stdout.write(`DIFFERENT ${path.basename(dir)}/${f.path}\n  fast ${JSON.stringify(fast).slice(0, 400)}\n  full ${JSON.stringify(full).slice(0, 400)}\n`);
        }
      }
      const share = bytes ? ((100 * cutBytes) / bytes).toFixed(0) : '0';
      process.stdout.write(`${path.basename(dir)}: ${compared} files, ${skipped} skipped by the pre-filter, ${share} % of the others' text cut, ${fellBack} parsed whole (the cut text did not parse)\n`);
    }
  } finally {
    parser.dispose();
  }
  process.stdout.write(differences ? `${differences} files differ\n` : 'no differences\n');
  return differences ? 1 : 0;
}

runScript('equivalence', main);
