import { NotFoundException, Param, PipeTransform } from '@nestjs/common';

const OAUTH_ID = /^[A-Za-z0-9_-]{10,64}$/;

class OAuthIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!OAUTH_ID.test(value)) throw new NotFoundException(`No such ${this.what}`);
    return value;
  }
}

/** A path id the authorization server made (interaction uids, grant ids): anything else names nothing, 404. */
export const OAuthIdParam = (name: string, what: string) => Param(name, new OAuthIdPipe(what));
