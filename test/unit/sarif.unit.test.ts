/**
 * SARIF output validates against the SARIF 2.1.0 JSON schema. The schema is the one Microsoft's
 * SARIF SDK ships in the npm package @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json,
 * the final 2.1.0 schema, JSON Schema draft-04), validated with Ajv's draft-04 build. The schema's
 * `language` pattern is not valid under the `u` flag, so patterns compile without it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import Ajv from 'ajv-draft-04';
import { main } from '../../src/cli/main';
import { assess } from '../../src/core/assess';
import type { Assessment } from '../../src/core/model';
import { PythonParser } from '../../src/core/python/parser';
import { toSarif } from '../../src/core/report/sarif';
import { MemoryWorkspace, NodeWorkspace } from '../../src/core/read/workspace';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const FIX = (name: string) => path.join(__dirname, '..', 'fixtures', name);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number } } }[];
  relatedLocations?: unknown[];
  properties: { project: string; favors: string; weight: number };
}

describe('SARIF 2.1.0 output', () => {
  let parser: PythonParser;
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
  const valid = (log: unknown) => {
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  };
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('uses a validator that rejects what the schema forbids', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'a driver needs a name');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false, 'only version 2.1.0');
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false, 'levels are an enum');
  });

  for (const name of ['flask-batteries', 'django-polls', 'django-thin', 'fastapi-service', 'monorepo', 'plain-library', 'manifests']) {
    it(`validates against the schema: ${name}`, async () => {
      const a = await assess(new NodeWorkspace(FIX(name)), { parser });
      valid(toSarif(a));
    });
  }

  it('makes one rule per finding id and one result per finding, located at its evidence', async () => {
    const a = await assess(new NodeWorkspace(FIX('flask-batteries')), { parser });
    const log = toSarif(a) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[] };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const p = a.projects[0];
    const ids = [...new Set(p.findings.map((f) => f.id))].sort();
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ids);
    assert.equal(run.results.length, p.findings.length);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const models = p.findings.find((f) => f.id === 'data.models')!;
    const result = run.results.find((r) => r.ruleId === 'data.models')!;
    const loc = result.locations![0].physicalLocation;
    assert.deepEqual([loc.artifactLocation.uri, loc.artifactLocation.uriBaseId, loc.region?.startLine], [models.evidence[0].file, '%SRCROOT%', models.evidence[0].line]);
    assert.equal(result.relatedLocations?.length, models.evidence.length - 1);
    // Flask is in use: the findings that speak for Django are warnings, the rest notes.
    assert.equal(result.level, 'warning');
    assert.equal(run.results.find((r) => r.ruleId === 'framework.inUse')!.level, 'note');
  });

  it('escapes odd paths into valid URIs and places evidence-less findings at the manifest', async () => {
    const a: Assessment = await assess(
      new MemoryWorkspace({
        'my app/requirements.txt': 'flask\n',
        'my app/app #1.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef home():\n    return "hi"\n',
      }),
      { parser },
    );
    const log = toSarif(a) as { runs: { results: SarifResult[] }[] };
    valid(log);
    const uris = log.runs[0].results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('my%20app/app%20%231.py'), uris.join(', '));
    const none = log.runs[0].results.find((r) => r.ruleId === 'data.none')!;
    assert.equal(none.locations?.[0].physicalLocation.artifactLocation.uri, 'my%20app/requirements.txt');
    assert.equal(none.properties.project, 'my app');
  });

  it('is what `framework-fit --format sarif` prints', async () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        text += chunk.toString();
        cb();
      },
    });
    const code = await main([FIX('monorepo'), '--format', 'sarif', '--no-cache', '--jobs', '1'], out, out);
    assert.equal(code, 0);
    const log = JSON.parse(text) as { runs: { results: SarifResult[] }[] };
    valid(log);
    assert.deepEqual([...new Set(log.runs[0].results.map((r) => r.properties.project))], ['services/api', 'web']);
  });

  it('is valid for an empty workspace', async () => {
    const a = await assess(new MemoryWorkspace({}), { parser });
    const log = toSarif(a) as { runs: { results: unknown[] }[] };
    valid(log);
    assert.equal(log.runs[0].results.length, 0);
  });
});
