// Lets plain-Node tests load the tree-sitter query files (.scm) as text, as the esbuild bundles do.
const fs = require('node:fs');
require.extensions['.scm'] = (module, filename) => {
  module.exports = fs.readFileSync(filename, 'utf8');
};
