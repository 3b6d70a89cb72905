import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigTable } from './config-table';

const README = join(__dirname, '../../../../README.md');
const START = '<!-- config-table:start -->';
// Prettier pads markdown tables; compare cell contents only.
const cells = (table: string) =>
  table
    .trim()
    .split('\n')
    .filter((line) => !/^\|[-\s|]+\|$/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
const END = '<!-- config-table:end -->';

describe('README configuration table', () => {
  it('is the table generated from the config classes (run `npm run docs:config` after changing them)', () => {
    const readme = readFileSync(README, 'utf8');
    const table = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(cells(table)).toEqual(cells(renderConfigTable()));
  });
});
