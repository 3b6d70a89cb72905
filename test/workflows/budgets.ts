import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@gw/testing';

export interface Budget {
  workflow: string;
  calls: number;
  tools: string[];
}

/**
 * The call budgets documented in docs/workflows.md, the one table of them: a row is
 * `| n | workflow | calls | tool, tool |`.
 */
export function documentedBudgets(): Map<number, Budget> {
  const text = readFileSync(join(REPO_ROOT, 'docs/workflows.md'), 'utf8');
  const budgets = new Map<number, Budget>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^\d+$/.test(cells[1]) || !/^\d+$/.test(cells[3])) continue;
    budgets.set(Number(cells[1]), {
      workflow: cells[2],
      calls: Number(cells[3]),
      tools: cells[4]
        .replace(/`/g, '')
        .split(',')
        .map((t) => t.replace(/\s*×\s*\d+$/, '').trim())
        .filter(Boolean),
    });
  }
  return budgets;
}
