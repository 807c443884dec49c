/**
 * Every fixture workspace under test/fixtures/ carries an EXPECTED.json with its ground truth
 * (counted by hand, with file:line notes); the engine must match it exactly.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import type { Assessment, ProjectAssessment } from '../../src/core/model';
import { PythonParser } from '../../src/core/python/parser';
import { NodeWorkspace } from '../../src/core/read/workspace';

interface Expected {
  framework: string | null;
  recommendation: string | null;
  projects: string[];
  models: number;
  relations: number;
  routes: number;
  /** The project's own functions and classes its routes reach, each once. */
  views: number;
  templates: number;
  blueprints: number;
  auth: boolean;
  admin: boolean;
  migrations: boolean;
  forms: boolean;
  restApi: boolean;
  /** facts.routesBy, when given. */
  routesBy?: Record<string, number>;
  /** "file:line" of every route (the size finding's evidence) and of every model (data.models'), when given. */
  routeLines?: string[];
  modelLines?: string[];
  /** Finding ids the project must have, when given. */
  findingIds?: string[];
  perProject?: Record<string, Omit<Expected, 'projects' | 'perProject'>>;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const WORKSPACES = [FIXTURES, EXAMPLES].flatMap((root) =>
  fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'EXPECTED.json'))).map((n) => ({ name: n, dir: path.join(root, n) })),
);
const KEYS = ['models', 'relations', 'routes', 'views', 'templates', 'blueprints', 'auth', 'admin', 'migrations', 'forms', 'restApi'] as const;

function check(p: ProjectAssessment, e: Omit<Expected, 'projects' | 'perProject'>): void {
  const actual: Record<string, unknown> = { framework: p.framework, recommendation: p.recommendation };
  const expected: Record<string, unknown> = { framework: e.framework ?? 'none', recommendation: e.recommendation };
  for (const k of KEYS) {
    actual[k] = p.facts[k];
    expected[k] = e[k];
  }
  assert.deepEqual(actual, expected, `project ${p.root}`);
  if (e.routesBy) assert.deepEqual(p.facts.routesBy, e.routesBy, `routesBy of ${p.root}`);
  const lines = (prefix: string) => p.findings.filter((f) => f.id.startsWith(prefix)).flatMap((f) => f.evidence.map((v) => `${v.file}:${v.line}`)).sort();
  if (e.routeLines) assert.deepEqual(lines('size.'), [...e.routeLines].sort(), `route lines of ${p.root}`);
  if (e.findingIds) for (const id of e.findingIds) assert.ok(p.findings.some((f) => f.id === id), `${p.root} has no ${id} finding`);
  if (e.modelLines) assert.deepEqual(lines('data.models'), [...e.modelLines].sort(), `model lines of ${p.root}`);
}

describe('fixture and example workspaces match their EXPECTED.json', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  for (const { name, dir } of WORKSPACES) {
    it(name, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'EXPECTED.json'), 'utf8')) as Expected;
      const a: Assessment = await assess(new NodeWorkspace(dir), { parser });
      assert.deepEqual(a.projects.map((p) => p.root), expected.projects);
      if (expected.perProject) {
        for (const p of a.projects) check(p, expected.perProject[p.root]);
      } else {
        check(a.projects[0], expected);
      }
    });
  }
});
