#!/usr/bin/env node
'use strict';
// The `silt` CLI: a shim over the compiled TypeScript (apps/cli/src), built by `npm run build` into dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(`silt: the CLI is not built (${main} is missing); run \`npm run build\` in ${join(__dirname, '..')} first\n`);
  process.exit(1);
}
require(main);
