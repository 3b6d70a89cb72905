// Resolves the `@gw/*` path aliases of tsconfig.base.json inside the compiled output (dist/server),
// so `node -r ./scripts/register-aliases.cjs dist/server/apps/api/src/main.js` runs without a bundler.
const Module = require('node:module');
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

const distRoot = path.join(__dirname, '..', 'dist', 'server');
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    alias,
    path.join(distRoot, target.replace(/\.ts$/, '.js')),
  ]),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const target = aliases.get(request);
  return resolve.call(this, target ?? request, ...rest);
};
