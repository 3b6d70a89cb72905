// `npm test` runs every project's suites through this file (see scripts/test.mjs).
const fs = require('node:fs');
const path = require('node:path');

const roots = ['apps', 'libs'].flatMap((dir) =>
  fs.readdirSync(path.join(__dirname, dir)).map((name) => path.join(dir, name)),
);
roots.push('test');

module.exports = {
  // Global, not per project: Jest ignores a project's testTimeout when several projects run together.
  // Cross-app suites boot processes and drive a browser, so allow them two minutes per test.
  testTimeout: 120000,
  projects: roots
    .map((root) => path.join(__dirname, root, 'jest.config.cjs'))
    .filter((file) => fs.existsSync(file)),
};
