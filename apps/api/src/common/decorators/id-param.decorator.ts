import { NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';

/** A path id. Ids are UUIDs, so anything else names nothing: 404, like an id of another organization. */
export const IdParam = (name: string, what: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`No such ${what}`) }));
