import { z } from 'zod';

export const accessTokenResponse = z.object({ access_token: z.string().min(1) });
