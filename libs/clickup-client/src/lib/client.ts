import type { ClickUpCredential } from './http/credential';
import type { RateLimitInfo } from './http/rate-limit';
import { ClickUpTransport, type ClickUpRawResponse, type RateLimitListener } from './http/transport';
import { commentPages, cursorPages, numberedPages, type PageOptions } from './pagination';
import { parseResponse } from './parse-response';
import type { ClickUpRequest } from './request';
import { requestBuilders } from './requests';
import type { CommentCursor } from './requests/comments.requests';
import type { DocSearchFilters } from './requests/docs.requests';
import type { ListTasksFilters, TeamTasksFilters } from './requests/tasks.requests';
import type { CustomTaskIdOptions } from './requests/custom-task-ids';
import type { OperationName, ResponseOf } from './schemas/response-schemas';

export interface ClickUpClientOptions {
  /** `CLICKUP_API_BASE_URL`: `https://api.clickup.com` or the sandbox. */
  baseUrl: string;
  credential: ClickUpCredential;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Share one transport (and its rate-limit hook) between clients; a default one is made otherwise. */
  transport?: ClickUpTransport;
  /** Used when no transport is given. */
  onRateLimit?: RateLimitListener;
  /** Sent as the `traceparent` header of every request (a validated W3C value: it is not checked again here). */
  traceparent?: string;
}

export interface ClickUpResult<T> {
  data: T;
  status: number;
  rateLimit: RateLimitInfo | null;
}

type Builder = (...args: never[]) => ClickUpRequest;
type BoundGroup<G extends Record<string, Builder>> = {
  [K in keyof G]: (
    ...args: Parameters<G[K]>
  ) => Promise<ClickUpResult<ResponseOf<ReturnType<G[K]>['operation']>>>;
};
type BoundBuilders = { [K in keyof typeof requestBuilders]: BoundGroup<(typeof requestBuilders)[K]> };

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * A typed ClickUp API client for one credential: one method per operation (grouped as `client.tasks.get`,
 * `client.spaces.list`, ...), each building a `ClickUpRequest`, executing it and reading the answer.
 */
export class ClickUpClient implements BoundBuilders {
  declare readonly user: BoundBuilders['user'];
  declare readonly workspaces: BoundBuilders['workspaces'];
  declare readonly spaces: BoundBuilders['spaces'];
  declare readonly folders: BoundBuilders['folders'];
  declare readonly lists: BoundBuilders['lists'];
  declare readonly tasks: BoundBuilders['tasks'];
  declare readonly customFields: BoundBuilders['customFields'];
  declare readonly comments: BoundBuilders['comments'];
  declare readonly checklists: BoundBuilders['checklists'];
  declare readonly tags: BoundBuilders['tags'];
  declare readonly goals: BoundBuilders['goals'];
  declare readonly timeEntries: BoundBuilders['timeEntries'];
  declare readonly docs: BoundBuilders['docs'];
  declare readonly members: BoundBuilders['members'];
  declare readonly views: BoundBuilders['views'];

  private readonly transport: ClickUpTransport;
  private readonly timeoutMs: number;

  constructor(private readonly options: ClickUpClientOptions) {
    this.transport = options.transport ?? new ClickUpTransport({ onRateLimit: options.onRateLimit });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Executes a request (for example one replayed from a job) and returns ClickUp's raw answer. */
  execute(request: ClickUpRequest, signal?: AbortSignal): Promise<ClickUpRawResponse> {
    return this.transport.execute(request, {
      baseUrl: this.options.baseUrl,
      credential: this.options.credential,
      timeoutMs: this.timeoutMs,
      signal,
      traceparent: this.options.traceparent,
    });
  }

  /** Executes a request and reads its answer through the operation's schema. */
  async send<Op extends OperationName>(
    request: ClickUpRequest<Op>,
    signal?: AbortSignal,
  ): Promise<ClickUpResult<ResponseOf<Op>>> {
    const raw = await this.execute(request, signal);
    return { data: parseResponse(request, raw), status: raw.status, rateLimit: raw.rateLimit };
  }

  /** A List's tasks, page by page (100 per page). */
  listTaskPages(
    listId: string | number,
    filters: Omit<ListTasksFilters, 'page'> = {},
    options: PageOptions & { startPage?: number } = {},
  ) {
    return numberedPages(async (page) => {
      const { data } = await this.tasks.listInList(listId, { ...filters, page });
      return { items: data.tasks, lastPage: data.last_page };
    }, options);
  }

  /** Workspace-wide filtered tasks, page by page (100 per page). */
  teamTaskPages(
    teamId: string | number,
    filters: Omit<TeamTasksFilters, 'page'> = {},
    options: PageOptions & { startPage?: number } = {},
  ) {
    return numberedPages(async (page) => {
      const { data } = await this.tasks.listInTeam(teamId, { ...filters, page });
      return { items: data.tasks, lastPage: data.last_page };
    }, options);
  }

  /** A task's comments, newest first, 25 per page. */
  taskCommentPages(
    taskId: string,
    taskOptions?: CustomTaskIdOptions,
    options: PageOptions & { start?: CommentCursor } = {},
  ) {
    return commentPages(async (cursor) => {
      const { data } = await this.comments.listForTask(taskId, { ...(taskOptions ?? {}), ...(cursor ?? {}) });
      return data;
    }, options);
  }

  /** Docs matching a search, page by page along `next_cursor`. */
  docSearchPages(
    workspaceId: string | number,
    filters: Omit<DocSearchFilters, 'cursor'> = {},
    options: PageOptions & { cursor?: string } = {},
  ) {
    return cursorPages(async (cursor) => {
      const { data } = await this.docs.search(workspaceId, { ...filters, cursor });
      return { items: data.docs, nextCursor: data.next_cursor };
    }, options);
  }
}

/**
 * A group (`client.tasks`) is made on first use, per client, and each of its operations is bound on first use too:
 * the retry layer builds a client per tool call, which uses one or two operations, and binding a whole group cost
 * a closure per operation on every call.
 */
function groupClass(group: Record<string, Builder>): new (client: ClickUpClient) => object {
  const Group = class {
    constructor(readonly client: ClickUpClient) {}
  };
  for (const [name, build] of Object.entries(group)) {
    Object.defineProperty(Group.prototype, name, {
      configurable: true,
      get(this: InstanceType<typeof Group>) {
        const client = this.client;
        // async, so a builder's argument error rejects like any other failure instead of throwing.
        const bound = async (...args: never[]) => client.send(build(...args));
        Object.defineProperty(this, name, { value: bound, enumerable: true });
        return bound;
      },
    });
  }
  return Group;
}

for (const [groupName, group] of Object.entries(requestBuilders)) {
  const Group = groupClass(group as Record<string, Builder>);
  Object.defineProperty(ClickUpClient.prototype, groupName, {
    configurable: true,
    get(this: ClickUpClient) {
      const bound = new Group(this);
      Object.defineProperty(this, groupName, { value: bound, enumerable: true });
      return bound;
    },
  });
}
