import type { IncomingHttpHeaders } from 'node:http';

/** `application/json`, in any letter case, with or without parameters such as `charset`. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

export function accepts(headers: IncomingHttpHeaders, type: string): boolean {
  const accept = headers.accept;
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const media = part.split(';')[0].trim();
    return media === type || media === '*/*' || media === `${type.split('/')[0]}/*`;
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON value of a body, or undefined when it is absent, not UTF-8 or not JSON. */
export function parseBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    return JSON.parse(utf8.decode(body));
  } catch {
    return undefined;
  }
}
