#!/usr/bin/env node
// Entry for `npx morgue`: runs the built CLI (npm run build writes out/main/cli.js).
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('morgue: the CLI is not built yet; run `npm run build` first.\n')
  process.exit(1)
}
require(built)
