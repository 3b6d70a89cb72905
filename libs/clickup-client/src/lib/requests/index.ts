import { checklistRequests } from './checklists.requests';
import { commentRequests } from './comments.requests';
import { customFieldRequests } from './custom-fields.requests';
import { docRequests } from './docs.requests';
import { folderRequests } from './folders.requests';
import { goalRequests } from './goals.requests';
import { listRequests } from './lists.requests';
import { memberRequests } from './members.requests';
import { spaceRequests } from './spaces.requests';
import { tagRequests } from './tags.requests';
import { taskRequests } from './tasks.requests';
import { timeEntryRequests } from './time-entries.requests';
import { userRequests, workspaceRequests } from './workspaces.requests';
import { viewRequests } from './views.requests';

/** Every builder that runs with a user's token, grouped as the client exposes them. */
export const requestBuilders = {
  user: userRequests,
  workspaces: workspaceRequests,
  spaces: spaceRequests,
  folders: folderRequests,
  lists: listRequests,
  tasks: taskRequests,
  customFields: customFieldRequests,
  comments: commentRequests,
  checklists: checklistRequests,
  tags: tagRequests,
  goals: goalRequests,
  timeEntries: timeEntryRequests,
  docs: docRequests,
  members: memberRequests,
  views: viewRequests,
};
