// `npm test` runs every project's suites through this file (see scripts/test.mjs).
const fs = require('node:fs');
const path = require('node:path');

const roots = ['apps', 'libs'].flatMap((dir) =>
  fs.readdirSync(path.join(__dirname, dir)).map((name) => path.join(dir, name)),
);
roots.push('test');

module.exports = {
  projects: roots
    .map((root) => path.join(__dirname, root, 'jest.config.cjs'))
    .filter((file) => fs.existsSync(file)),
};
