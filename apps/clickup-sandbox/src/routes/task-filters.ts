import { Errors } from '../http/api-error';
import { isObject } from '../http/body';
import type { QueryReader } from '../http/query';
import type { Store } from '../store/store';
import type { FieldRec, TaskRec } from '../store/types';

export const PAGE_SIZE = 100;

interface CustomFieldFilter {
  field_id: string;
  operator: string;
  value?: unknown;
}

const OPERATORS = new Set([
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'IS NULL',
  'IS NOT NULL',
  'RANGE',
  'ANY',
  'ALL',
  'NOT ANY',
  'NOT ALL',
]);

/**
 * The filters of `GET /v2/list/{id}/task` and `GET /v2/team/{id}/task` (API-NOTES §5.4, §5.5).
 * Parsed once per request so the per-task predicate is cheap.
 */
export class TaskFilter {
  private readonly statuses: Set<string>;
  private readonly assignees: Set<number>;
  private readonly watchers: Set<number>;
  private readonly tags: Set<string>;
  private readonly customItems: Set<number>;
  private readonly includeClosed: boolean;
  private readonly subtasks: boolean;
  private readonly archived: boolean;
  private readonly parent: string | undefined;
  private readonly ranges: { get: (t: TaskRec) => number | null; gt?: number; lt?: number }[] = [];
  private readonly customFields: CustomFieldFilter[];
  readonly spaceIds: Set<string>;
  readonly folderIds: Set<string>;
  readonly listIds: Set<string>;
  readonly page: number;
  readonly orderBy: 'id' | 'created' | 'updated' | 'due_date';
  readonly reverse: boolean;

  constructor(
    private readonly store: Store,
    q: QueryReader,
  ) {
    this.statuses = new Set(q.list('statuses').map((s) => s.toLowerCase()));
    this.assignees = new Set(q.list('assignees').map(Number));
    this.watchers = new Set(q.list('watchers').map(Number));
    this.tags = new Set(q.list('tags').map((t) => t.toLowerCase()));
    this.customItems = new Set(q.list('custom_items').map(Number));
    this.includeClosed = q.bool('include_closed', false);
    this.parent = q.string('parent') || undefined;
    this.subtasks = q.bool('subtasks', false) || this.parent !== undefined;
    this.archived = q.bool('archived', false);
    this.spaceIds = new Set(q.list('space_ids'));
    this.folderIds = new Set(q.list('project_ids'));
    this.listIds = new Set(q.list('list_ids'));
    const page = q.int('page') ?? 0;
    if (Number.isNaN(page) || page < 0)
      throw Errors.invalid('page must be a non-negative integer', 'INPUT_003');
    this.page = page;
    const orderBy = q.string('order_by') ?? 'created';
    if (!['id', 'created', 'updated', 'due_date'].includes(orderBy)) {
      throw Errors.invalid('order_by must be one of id, created, updated, due_date', 'INPUT_004');
    }
    this.orderBy = orderBy as TaskFilter['orderBy'];
    this.reverse = q.bool('reverse', false);
    const dates: [string, (t: TaskRec) => number | null][] = [
      ['due_date', (t) => t.dueDate],
      ['date_created', (t) => t.dateCreated],
      ['date_updated', (t) => t.dateUpdated],
      ['date_done', (t) => t.dateDone],
    ];
    for (const [name, get] of dates) {
      const gt = q.int(`${name}_gt`);
      const lt = q.int(`${name}_lt`);
      if (Number.isNaN(gt) || Number.isNaN(lt))
        throw Errors.invalid(`${name}_gt and ${name}_lt take Unix milliseconds`, 'INPUT_005');
      if (gt !== undefined || lt !== undefined) this.ranges.push({ get, gt, lt });
    }
    this.customFields = parseCustomFieldFilters(q);
  }

  matches(t: TaskRec): boolean {
    if (t.archived !== this.archived) return false;
    if (this.parent !== undefined ? t.parentId !== this.parent : !this.subtasks && t.parentId !== null)
      return false;
    const status = this.store.statusOfTask(t);
    if (this.statuses.size > 0) {
      // Naming a closed status asks for those tasks, so it overrides include_closed.
      if (!this.statuses.has(status.status.toLowerCase())) return false;
    } else if (!this.includeClosed && status.type === 'closed') return false;
    if (this.assignees.size > 0 && !t.assigneeIds.some((id) => this.assignees.has(id))) return false;
    if (this.watchers.size > 0 && !t.watcherIds.some((id) => this.watchers.has(id))) return false;
    if (this.tags.size > 0 && !t.tagNames.some((n) => this.tags.has(n.toLowerCase()))) return false;
    if (this.customItems.size > 0 && !this.customItems.has(t.customItemId)) return false;
    for (const r of this.ranges) {
      const v = r.get(t);
      if (v === null) return false;
      if (r.gt !== undefined && !(v > r.gt)) return false;
      if (r.lt !== undefined && !(v < r.lt)) return false;
    }
    for (const f of this.customFields) if (!this.matchesField(t, f)) return false;
    return true;
  }

  /** Newest first by default; `reverse=true` flips it. Tasks without a due date sort last. */
  sort(tasks: TaskRec[]): TaskRec[] {
    const key = (t: TaskRec): number => {
      switch (this.orderBy) {
        case 'updated':
          return t.dateUpdated;
        case 'due_date':
          return t.dueDate ?? Number.NEGATIVE_INFINITY;
        default:
          return t.dateCreated;
      }
    };
    const byId = (a: TaskRec, b: TaskRec): number =>
      a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const sorted =
      this.orderBy === 'id'
        ? [...tasks].sort((a, b) => byId(b, a))
        : [...tasks].sort((a, b) => key(b) - key(a) || byId(b, a));
    return this.reverse ? sorted.reverse() : sorted;
  }

  paginate(tasks: TaskRec[]): { page: TaskRec[]; lastPage: boolean } {
    const start = this.page * PAGE_SIZE;
    return { page: tasks.slice(start, start + PAGE_SIZE), lastPage: start + PAGE_SIZE >= tasks.length };
  }

  private matchesField(t: TaskRec, f: CustomFieldFilter): boolean {
    const def = this.store.fields.get(f.field_id);
    const stored = t.fieldValues.get(f.field_id);
    const has = stored !== undefined && stored !== null && !(Array.isArray(stored) && stored.length === 0);
    if (f.operator === 'IS NULL') return !has;
    if (f.operator === 'IS NOT NULL') return has;
    if (!def || !has) return false;
    const actual = comparable(def, stored);
    const wanted = (Array.isArray(f.value) ? f.value : [f.value]).flatMap((v) => comparable(def, v, true));
    const actualSet = Array.isArray(actual) ? actual : [actual];
    switch (f.operator) {
      case '=':
        return actualSet.some((a) => a === wanted[0]);
      case '!=':
        return !actualSet.some((a) => a === wanted[0]);
      case '<':
        return Number(actual) < Number(wanted[0]);
      case '<=':
        return Number(actual) <= Number(wanted[0]);
      case '>':
        return Number(actual) > Number(wanted[0]);
      case '>=':
        return Number(actual) >= Number(wanted[0]);
      case 'RANGE':
        return Number(actual) >= Number(wanted[0]) && Number(actual) <= Number(wanted[1]);
      case 'ANY':
        return actualSet.some((a) => wanted.includes(a));
      case 'ALL':
        return wanted.every((w) => actualSet.includes(w));
      case 'NOT ANY':
        return !actualSet.some((a) => wanted.includes(a));
      case 'NOT ALL':
        return !wanted.every((w) => actualSet.includes(w));
      default:
        return false;
    }
  }
}

/** Drop-down values compare by option id; filters may name the option by id or by orderindex. */
function comparable(def: FieldRec, v: unknown, fromFilter = false): string | string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (def.type === 'drop_down' && fromFilter) {
    const byIndex = def.options.find((o) => String(o.orderindex) === String(v));
    if (byIndex && !def.options.some((o) => o.id === v)) return byIndex.id;
  }
  if (
    typeof v === 'number' ||
    (typeof v === 'string' && ['number', 'currency', 'date', 'emoji'].includes(def.type))
  ) {
    return String(Number(v));
  }
  return String(v);
}

function parseCustomFieldFilters(q: QueryReader): CustomFieldFilter[] {
  const out: CustomFieldFilter[] = [];
  const raws = [
    ...q.list('custom_fields').map((r) => ({ r, many: true })),
    ...q.list('custom_field').map((r) => ({ r, many: false })),
  ];
  for (const { r, many } of raws) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r);
    } catch {
      throw Errors.invalid('custom_fields must be a JSON array of {field_id, operator, value}', 'FIELD_040');
    }
    const items = Array.isArray(parsed) ? parsed : many ? [parsed] : [parsed];
    for (const item of items) {
      if (!isObject(item) || typeof item['field_id'] !== 'string') {
        throw Errors.invalid('each custom field filter needs a field_id', 'FIELD_040');
      }
      const operator = typeof item['operator'] === 'string' ? item['operator'].toUpperCase() : '=';
      if (!OPERATORS.has(operator))
        throw Errors.invalid(`unknown custom field filter operator ${String(item['operator'])}`, 'FIELD_041');
      out.push({ field_id: item['field_id'], operator, value: item['value'] });
    }
  }
  return out;
}
