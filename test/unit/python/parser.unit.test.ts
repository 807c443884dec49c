import { strict as assert } from 'node:assert';
import { PythonParser, stringValue } from '../../../src/core/python/parser';

describe('PythonParser', () => {
  it('parses Python and frees the tree after use', async () => {
    const parser = await PythonParser.create();
    try {
      const kinds = parser.withTree('x = "a" "b"\n', (t) => {
        const rhs = t.rootNode.namedChild(0)?.namedChild(0)?.childForFieldName('right');
        return { type: rhs?.type, value: stringValue(rhs) };
      });
      assert.deepEqual(kinds, { type: 'concatenated_string', value: 'ab' });
    } finally {
      parser.dispose();
    }
  });
});
