import { z } from 'zod';

// Hierarchy ids are numeric strings; rejecting a name here lets the agent fix the call instead of reading
// ClickUp's "not authorized" answer for an id that cannot exist.
const numericId = (kind: string, purpose?: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^\d{1,20}$/.test(v),
      `a numeric ${kind} id, not a name (resolve names with workspace_find)`,
    )
    .describe(`From workspace_hierarchy${purpose ? `; ${purpose}` : ''}`);

export const spaceIdInput = (purpose?: string) => numericId('space', purpose);
export const folderIdInput = (purpose?: string) => numericId('folder', purpose);
export const listIdInput = (purpose?: string) => numericId('list', purpose);

/** What the space, folder and list deletes answer. */
export const deletedOutput = z.object({ deleted: z.literal(true) });
