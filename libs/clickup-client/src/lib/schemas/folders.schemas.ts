import { z } from 'zod';
import { idSchema, listOf, nullableBooleanSchema, numberishSchema } from './common.schemas';
import { listLocationSchema, listSchema } from './lists.schemas';

export const folderSchema = z.object({
  id: idSchema,
  name: z.string(),
  orderindex: numberishSchema,
  override_statuses: nullableBooleanSchema,
  hidden: nullableBooleanSchema,
  space: listLocationSchema.nullish().transform((v) => v ?? null),
  task_count: numberishSchema,
  archived: nullableBooleanSchema,
  lists: listOf(listSchema),
  // Nested folders (subfolder support) name their parent; `folders` lists children with include_subfolders.
  parent_folder: idSchema.nullish().transform((v) => v ?? null),
  folders: listOf(z.object({ id: idSchema, name: z.string().optional() })),
});
export type Folder = z.output<typeof folderSchema>;

export const getFoldersResponse = z.object({ folders: z.array(folderSchema) }).transform((r) => r.folders);
