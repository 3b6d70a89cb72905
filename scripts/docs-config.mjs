// `npm run docs:config`: rewrites the README's configuration table from the config classes' @EnvVar declarations.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildServer, ROOT } from './lib/processes.mjs';

buildServer();
const require = createRequire(import.meta.url);
require('./register-aliases.cjs');
const { renderConfigTable } = require('../dist/server/libs/config/src/index.js');
const file = `${ROOT}README.md`;
const readme = readFileSync(file, 'utf8');
const start = '<!-- config-table:start -->';
const end = '<!-- config-table:end -->';
const next =
  readme.slice(0, readme.indexOf(start) + start.length) +
  '\n' +
  renderConfigTable() +
  '\n' +
  readme.slice(readme.indexOf(end));
writeFileSync(file, next);
console.log('README configuration table updated');
