import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Routes are authenticated by default; this says out loud that one is not. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
