import { InitialSchema1795238654172 } from './1795238654172-initial-schema';

/** In order. New migrations come from `npm run migration:generate -- <Name>` and are appended here. */
export const MIGRATIONS = [InitialSchema1795238654172];
