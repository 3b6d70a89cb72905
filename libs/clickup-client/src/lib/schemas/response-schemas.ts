import type { z } from 'zod';
import { checklistResponse } from './checklists.schemas';
import { createdCommentSchema, createdReplySchema, getCommentsResponse } from './comments.schemas';
import { emptySchema } from './common.schemas';
import { getCustomFieldsResponse } from './custom-fields.schemas';
import {
  docPageListingResponse,
  docPageSchema,
  docPagesResponse,
  docSchema,
  docSearchResponse,
} from './docs.schemas';
import { folderSchema, getFoldersResponse } from './folders.schemas';
import { getGoalsResponse, goalResponse, keyResultResponse } from './goals.schemas';
import { getListsResponse, listSchema } from './lists.schemas';
import { membersResponse } from './members.schemas';
import { accessTokenResponse } from './oauth.schemas';
import { getSpacesResponse, spaceSchema } from './spaces.schemas';
import { editedSpaceTagResponse, getSpaceTagsResponse } from './tags.schemas';
import {
  bulkTimeInStatusResponse,
  moveTaskResponse,
  taskLinkResponse,
  timeInStatusSchema,
} from './task-homes.schemas';
import { attachmentPageResponse, createdAttachmentResponse } from './attachments.schemas';
import { getViewResponse, getViewsResponse, viewTasksResponse } from './views.schemas';
import {
  getTemplatesResponse,
  listFromTemplateResponse,
  taskFromTemplateResponse,
} from './templates.schemas';
import { taskPageSchema, taskSchema } from './tasks.schemas';
import {
  createdTimeEntryResponse,
  currentTimeEntryResponse,
  deletedTimeEntriesResponse,
  getTimeEntriesResponse,
  getTimeEntryResponse,
  timeEntryResponse,
} from './time-entries.schemas';
import {
  getAuthorizedTeamsResponse,
  getAuthorizedUserResponse,
  getCustomItemsResponse,
} from './workspaces.schemas';
import {
  chatChannelPageSchema,
  chatChannelResponse,
  chatMessagePageSchema,
  chatMessageSchema,
  chatReactionPageSchema,
  chatReactionSchema,
} from './chat.schemas';

/**
 * How each operation's answer is read, keyed by operation name (the spec's operationId with a lower-case
 * first letter). A replayed request is parsed through the same entry as a direct call.
 */
export const responseSchemas = {
  getAccessToken: accessTokenResponse,
  getAuthorizedUser: getAuthorizedUserResponse,
  getAuthorizedTeams: getAuthorizedTeamsResponse,
  getCustomItems: getCustomItemsResponse,

  getSpaces: getSpacesResponse,
  getSpace: spaceSchema,
  createSpace: spaceSchema,
  updateSpace: spaceSchema,
  deleteSpace: emptySchema,

  getFolders: getFoldersResponse,
  getFolder: folderSchema,
  createFolder: folderSchema,
  updateFolder: folderSchema,
  deleteFolder: emptySchema,

  getLists: getListsResponse,
  getFolderlessLists: getListsResponse,
  getList: listSchema,
  createList: listSchema,
  createFolderlessList: listSchema,
  updateList: listSchema,
  deleteList: emptySchema,

  getTasks: taskPageSchema,
  getFilteredTeamTasks: taskPageSchema,
  createTask: taskSchema,
  getTask: taskSchema,
  updateTask: taskSchema,
  deleteTask: emptySchema,
  setCustomFieldValue: emptySchema,
  removeCustomFieldValue: emptySchema,
  addDependency: emptySchema,
  deleteDependency: emptySchema,
  addTagToTask: emptySchema,
  removeTagFromTask: emptySchema,
  moveTask: moveTaskResponse,
  addTaskToList: emptySchema,
  removeTaskFromList: emptySchema,
  addTaskLink: taskLinkResponse,
  deleteTaskLink: taskLinkResponse,
  "getTask'sTimeinStatus": timeInStatusSchema,
  "getBulkTasks'TimeinStatus": bulkTimeInStatusResponse,
  getTaskMembers: membersResponse,
  getListMembers: membersResponse,

  getAccessibleCustomFields: getCustomFieldsResponse,

  getTaskComments: getCommentsResponse,
  createTaskComment: createdCommentSchema,
  getListComments: getCommentsResponse,
  createListComment: createdCommentSchema,
  updateComment: emptySchema,
  deleteComment: emptySchema,
  getChatViewComments: getCommentsResponse,
  createChatViewComment: createdCommentSchema,
  getThreadedComments: getCommentsResponse,
  createThreadedComment: createdReplySchema,

  createChecklist: checklistResponse,
  editChecklist: emptySchema,
  deleteChecklist: emptySchema,
  createChecklistItem: checklistResponse,
  editChecklistItem: checklistResponse,
  deleteChecklistItem: emptySchema,

  getSpaceTags: getSpaceTagsResponse,
  createSpaceTag: emptySchema,
  editSpaceTag: editedSpaceTagResponse,
  deleteSpaceTag: emptySchema,

  getGoals: getGoalsResponse,
  getGoal: goalResponse,
  createGoal: goalResponse,
  updateGoal: goalResponse,
  deleteGoal: emptySchema,
  createKeyResult: keyResultResponse,
  editKeyResult: keyResultResponse,
  deleteKeyResult: emptySchema,

  gettimeentrieswithinadaterange: getTimeEntriesResponse,
  getsingulartimeentry: getTimeEntryResponse,
  createatimeentry: createdTimeEntryResponse,
  updateatimeEntry: emptySchema,
  deleteatimeEntry: deletedTimeEntriesResponse,
  getrunningtimeentry: currentTimeEntryResponse,
  startatimeEntry: timeEntryResponse,
  stopatimeEntry: timeEntryResponse,

  searchDocsPublic: docSearchResponse,
  getDocPublic: docSchema,
  createDocPublic: docSchema,
  getDocPageListingPublic: docPageListingResponse,
  getDocPagesPublic: docPagesResponse,
  getPagePublic: docPageSchema,
  createPagePublic: docPageSchema,
  editPagePublic: emptySchema,

  getChatChannels: chatChannelPageSchema,
  getChatChannel: chatChannelResponse,
  getChatMessages: chatMessagePageSchema,
  createChatMessage: chatMessageSchema,
  getChatMessageReplies: chatMessagePageSchema,
  createReplyMessage: chatMessageSchema,
  getChatMessageReactions: chatReactionPageSchema,
  createChatReaction: chatReactionSchema,
  getParentEntityAttachments: attachmentPageResponse,
  createTaskAttachment: createdAttachmentResponse,

  getTeamViews: getViewsResponse,
  getSpaceViews: getViewsResponse,
  getFolderViews: getViewsResponse,
  getListViews: getViewsResponse,
  getView: getViewResponse,
  getViewTasks: viewTasksResponse,

  getTaskTemplates: getTemplatesResponse,
  getListTemplates: getTemplatesResponse,
  createTaskFromTemplate: taskFromTemplateResponse,
  createFolderListFromTemplate: listFromTemplateResponse,
  createSpaceListFromTemplate: listFromTemplateResponse,
} satisfies Record<string, z.ZodType>;

export type OperationName = keyof typeof responseSchemas;
export type ResponseOf<Op extends OperationName> = z.output<(typeof responseSchemas)[Op]>;
