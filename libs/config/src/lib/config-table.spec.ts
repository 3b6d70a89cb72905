import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigTable } from './config-table';

const README = join(__dirname, '../../../../README.md');
const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';

describe('README configuration table', () => {
  it('is the table generated from the config classes (run `npm run docs:config` after changing them)', () => {
    const readme = readFileSync(README, 'utf8');
    const table = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(table).toBe(renderConfigTable());
  });
});
