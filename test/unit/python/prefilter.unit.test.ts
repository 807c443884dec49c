import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../../../src/core/assess';
import type { Assessment } from '../../../src/core/model';
import { needsParse } from '../../../src/core/python/prefilter';
import { NodeWorkspace } from '../../../src/core/workspace';

/** The assessment without timings, for comparing two runs. */
function comparable(a: Assessment): unknown {
  return { projects: a.projects, problems: a.problems.filter((p) => !/syntax error/.test(p.message)) };
}

describe('lexical pre-filter', () => {
  it('keeps every file that can show something, including route modules that never import flask', () => {
    assert.equal(needsParse('from . import bp\n\n@bp.route("/x")\ndef x(): pass\n'), true);
    assert.equal(needsParse('@ api .\n  get (\n"/x")\ndef x(): pass\n'), true);
    assert.equal(needsParse('from .base import Stamped\nclass Post(Stamped):\n    pass\n'), true);
    assert.equal(needsParse('urlpatterns = []\n'), true);
    assert.equal(needsParse('import json\n\ndef helper(x):\n    return json.dumps(x)\n\nclass Plain:\n    pass\n'), false);
  });

  it('gives the same assessment as parsing everything, on every fixture and example', async function () {
    this.timeout(60_000);
    const roots = [path.join(__dirname, '..', '..', 'fixtures'), path.join(__dirname, '..', '..', '..', 'examples')];
    for (const root of roots) {
      for (const name of fs.readdirSync(root)) {
        const dir = path.join(root, name);
        if (!fs.statSync(dir).isDirectory()) continue;
        const filtered = await assess(new NodeWorkspace(dir));
        const full = await assess(new NodeWorkspace(dir), { prefilter: false });
        assert.deepEqual(comparable(filtered), comparable(full), name);
      }
    }
  });
});
