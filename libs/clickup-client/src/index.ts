export * from './lib/client';
export * from './lib/oauth';
export * from './lib/pagination';
export * from './lib/parse-response';
export type {
  ApiVersion,
  ClickUpRequest,
  FormFile,
  HttpMethod,
  JsonValue,
  MultipartForm,
  QueryValue,
} from './lib/request';
export { encodeQuery, isSafeClickUpId, requestUrlPath } from './lib/request';
export * from './lib/http/credential';
export * from './lib/http/errors';
export * from './lib/http/rate-limit';
export * from './lib/http/transport';
export * from './lib/requests';
export * from './lib/requests/checklists.requests';
export * from './lib/requests/comments.requests';
export * from './lib/requests/custom-fields.requests';
export * from './lib/requests/custom-task-ids';
export * from './lib/requests/docs.requests';
export * from './lib/requests/folders.requests';
export * from './lib/requests/goals.requests';
export * from './lib/requests/lists.requests';
export * from './lib/requests/members.requests';
export * from './lib/requests/oauth.requests';
export * from './lib/requests/spaces.requests';
export * from './lib/requests/tags.requests';
export * from './lib/requests/task-homes.requests';
export * from './lib/requests/tasks.requests';
export * from './lib/requests/time-entries.requests';
export * from './lib/requests/workspaces.requests';
export * from './lib/requests/chat.requests';
export * from './lib/requests/attachments.requests';
export * from './lib/requests/views.requests';
export * from './lib/requests/templates.requests';
export * from './lib/schemas/response-schemas';
export * from './lib/schemas/common.schemas';
export * from './lib/schemas/task-homes.schemas';
export * from './lib/schemas/checklists.schemas';
export * from './lib/schemas/comments.schemas';
export * from './lib/schemas/views.schemas';
export * from './lib/schemas/custom-fields.schemas';
export * from './lib/schemas/docs.schemas';
export * from './lib/schemas/folders.schemas';
export * from './lib/schemas/goals.schemas';
export * from './lib/schemas/lists.schemas';
export * from './lib/schemas/members.schemas';
export * from './lib/schemas/oauth.schemas';
export * from './lib/schemas/priority.schemas';
export * from './lib/schemas/spaces.schemas';
export * from './lib/schemas/tags.schemas';
export * from './lib/schemas/tasks.schemas';
export * from './lib/schemas/time-entries.schemas';
export * from './lib/schemas/workspaces.schemas';
export * from './lib/schemas/chat.schemas';
export * from './lib/schemas/attachments.schemas';
export * from './lib/schemas/views.schemas';
export * from './lib/schemas/templates.schemas';
