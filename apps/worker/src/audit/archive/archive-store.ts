import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { signSigV4, type SigV4Credentials } from './aws-sigv4';

/** What was stored and read back: the same bytes, by size and SHA-256. */
export interface StoredArchive {
  /** Where an operator finds it: a file path or an object URL. */
  location: string;
  bytes: number;
  sha256: string;
}

/** Where archives go. `put` resolves only once the stored copy was read back and matched. */
export interface ArchiveStore {
  put(name: string, file: string, expected: { bytes: number; sha256: string }): Promise<StoredArchive>;
}

export class ArchiveStoreError extends Error {
  override name = 'ArchiveStoreError';
}

/** Archives as files under a directory (a mounted volume, NFS, a disk that is backed up). */
export class DirectoryArchiveStore implements ArchiveStore {
  constructor(private readonly root: string) {}

  async put(name: string, file: string, expected: { bytes: number; sha256: string }): Promise<StoredArchive> {
    const target = join(this.root, name);
    await mkdir(dirname(target), { recursive: true });
    const existing = await digestFile(target).catch(() => null);
    if (existing) {
      // A run that archived this range and failed before deleting it: the same range gives the same bytes.
      if (existing.sha256 === expected.sha256) return { location: target, ...existing };
      throw new ArchiveStoreError(`${target} exists with other content: refusing to overwrite an archive`);
    }
    const partial = `${target}.partial`;
    await copyFile(file, partial);
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    const stored = await digestFile(target);
    if (stored.bytes !== expected.bytes || stored.sha256 !== expected.sha256) {
      await rm(target, { force: true });
      throw new ArchiveStoreError(`${target} read back differs from what was written`);
    }
    return { location: target, ...stored };
  }
}

export interface S3Target {
  /** Path-style bucket URL, optionally with a key prefix: `https://host/bucket/prefix`. */
  url: string;
  region: string;
  credentials: SigV4Credentials;
  /** Per request (default 5 minutes: a large archive over a slow link). */
  timeoutMs?: number;
}

/** Archives as objects in an S3-compatible bucket, PUT and read back with SigV4-signed requests. */
export class S3ArchiveStore implements ArchiveStore {
  private readonly base: URL;

  constructor(private readonly target: S3Target) {
    this.base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
  }

  async put(name: string, file: string, expected: { bytes: number; sha256: string }): Promise<StoredArchive> {
    const url = new URL(name, this.base);
    const put = await this.request(
      'PUT',
      url,
      expected.sha256,
      {
        'content-length': String(expected.bytes),
        'content-type': 'application/gzip',
      },
      Readable.toWeb(createReadStream(file)) as unknown as ReadableStream,
    );
    if (!put.ok)
      throw new ArchiveStoreError(`PUT ${url.href} answered ${put.status}: ${await errorCode(put)}`);
    await put.body?.cancel();
    const get = await this.request('GET', url, EMPTY_SHA256, {});
    if (!get.ok || !get.body) {
      throw new ArchiveStoreError(
        `GET ${url.href} (read back) answered ${get.status}: ${await errorCode(get)}`,
      );
    }
    const stored = await digestStream(Readable.fromWeb(get.body as unknown as WebReadableStream));
    if (stored.bytes !== expected.bytes || stored.sha256 !== expected.sha256) {
      throw new ArchiveStoreError(`${url.href} read back differs from what was written`);
    }
    return { location: url.href, ...stored };
  }

  private request(
    method: 'PUT' | 'GET',
    url: URL,
    payloadHash: string,
    headers: Record<string, string>,
    body?: ReadableStream,
  ): Promise<Response> {
    const signed = signSigV4(
      { method, url, headers, payloadHash },
      { credentials: this.target.credentials, region: this.target.region, service: 's3', now: new Date() },
    );
    // `host` is the URL's own; fetch refuses to be told it.
    const { host: _host, ...send } = signed;
    return fetch(url, {
      method,
      headers: send,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.target.timeoutMs ?? 300_000),
      ...(body ? { duplex: 'half' } : {}),
    } as RequestInit);
  }
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** The S3 error code of a failed answer (`AccessDenied`, `NoSuchBucket`), never the body at large. */
async function errorCode(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? (response.statusText || 'no error code');
}

export async function digestFile(path: string): Promise<{ bytes: number; sha256: string }> {
  await stat(path);
  return digestStream(createReadStream(path));
}

async function digestStream(
  stream: AsyncIterable<Buffer | Uint8Array>,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
