import type { Issue } from './envelope';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Arguments whose text holds an unpaired UTF-16 surrogate. JSON can carry one (`"\ud800"`), but no URL and no UTF-8
 * body can: refused here, naming the argument, rather than failing inside a handler as it builds a ClickUp URL.
 */
export function illFormedTextIssues(value: unknown, path: readonly (string | number)[] = []): Issue[] {
  if (typeof value === 'string') {
    if (!UNPAIRED_SURROGATE.test(value)) return [];
    const at = path.join('.');
    const message = 'must be well-formed Unicode text (it holds an unpaired UTF-16 surrogate)';
    return [{ code: 'VALIDATION_ERROR', message: at ? `${at}: ${message}` : message, path: at || undefined }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => illFormedTextIssues(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => illFormedTextIssues(item, [...path, key]));
  }
  return [];
}
