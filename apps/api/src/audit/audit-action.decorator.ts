import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'audit:action';

/** Names the action recorded for this route; GET routes are recorded only when they carry it (exports, checks). */
export const Audited = (action: string) => SetMetadata(AUDITED, action);
