import { z } from 'zod';
import { userSchema } from './common.schemas';

/** People with explicit access to a task or a List (`{members: [...]}`); the client returns the array. */
export const membersResponse = z.object({ members: z.array(userSchema) }).transform((r) => r.members);
