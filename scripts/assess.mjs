// `npm run assess [-- DIR] [options]`: runs the CLI; with no folder given, on the bundled example.
import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
const hasDir = args.some((a, i) => !a.startsWith('-') && !['--format', '-f', '--exclude', '--max-files', '--max-file-bytes'].includes(args[i - 1]));
const r = spawnSync(process.execPath, ['dist/cli.js', ...(hasDir ? [] : ['examples/blog-flask']), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
