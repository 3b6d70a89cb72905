import type { Issue } from './envelope';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MESSAGE = 'must be well-formed Unicode text (it holds an unpaired UTF-16 surrogate)';

/** A value met on the walk, with the way back to the root for naming its path. */
interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

/**
 * Arguments whose text holds an unpaired UTF-16 surrogate. JSON can carry one (`"\ud800"`), but no URL and no UTF-8
 * body can: refused here, naming the argument, rather than failing inside a handler as it builds a ClickUp URL.
 * Walked without recursion, as a free-form argument may nest thousands of levels deep.
 */
export function illFormedTextIssues(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const pending: Visit[] = [{ value, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const item = visit.value;
    if (typeof item === 'string') {
      if (UNPAIRED_SURROGATE.test(item)) issues.push(issue(pathOf(visit)));
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push({ value: item[i], key: i, parent: visit });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item).reverse())
        pending.push({ value: child, key, parent: visit });
    }
  }
  return issues;
}

function pathOf(visit: Visit): string {
  const keys: Array<string | number> = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

function issue(path: string): Issue {
  return {
    code: 'VALIDATION_ERROR',
    message: path ? `${path}: ${MESSAGE}` : MESSAGE,
    path: path || undefined,
  };
}
