import { Injectable } from '@nestjs/common';
import {
  archiveLine,
  archiveName,
  ChainWalker,
  chainRecords,
  CheckpointStore,
  type ChainAnchor,
} from '@gw/audit-chain';
import { AuditArchiveConfig } from '@gw/config';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { DataSource } from 'typeorm';
import {
  digestFile,
  DirectoryArchiveStore,
  S3ArchiveStore,
  type ArchiveStore,
  type StoredArchive,
} from './archive-store';

export interface ArchivedRange extends StoredArchive {
  name: string;
  first_seq: number;
  last_seq: number;
  /** The hash of the last archived row: where the chain left in the database goes on from. */
  last_hash: string;
  events: number;
  checkpoints: number;
}

/**
 * Writes a range of one organization's chain to a gzip JSONL archive (events in the export format, then the signed
 * checkpoints within the range), stores it and reads it back. Rows are checked against the chain and against the
 * checkpoints' hashes as they are written: no archive is made of a tampered or rewritten chain (the purge stops
 * there, and the evidence stays in the database).
 */
@Injectable()
export class AuditArchiver {
  private readonly store: ArchiveStore | null;

  constructor(
    private readonly dataSource: DataSource,
    config: AuditArchiveConfig,
  ) {
    this.store = config.directory
      ? new DirectoryArchiveStore(config.directory)
      : config.s3Url && config.s3AccessKeyId && config.s3SecretAccessKey
        ? new S3ArchiveStore({
            url: config.s3Url,
            region: config.s3Region,
            credentials: {
              accessKeyId: config.s3AccessKeyId,
              secretAccessKey: config.s3SecretAccessKey,
              sessionToken: config.s3SessionToken,
            },
          })
        : null;
  }

  get enabled(): boolean {
    return this.store !== null;
  }

  /** Archives rows `anchor.seq`…`lastSeq`; resolves once the stored archive was read back and matched. */
  async archive(organizationId: string, anchor: ChainAnchor, lastSeq: number): Promise<ArchivedRange> {
    if (!this.store) throw new Error('no archive target is configured');
    const dir = await mkdtemp(join(tmpdir(), 'gw-audit-archive-'));
    try {
      const file = join(dir, 'archive.jsonl.gz');
      const written = await this.write(file, organizationId, anchor, lastSeq);
      await this.checkFile(file, written);
      const name = archiveName(organizationId, anchor.seq, lastSeq);
      const stored = await this.store.put(name, file, await digestFile(file));
      return { name, ...stored, first_seq: anchor.seq, last_seq: lastSeq, ...written };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async write(
    file: string,
    organizationId: string,
    anchor: ChainAnchor,
    lastSeq: number,
  ): Promise<{ events: number; checkpoints: number; last_hash: string }> {
    const gzip = createGzip();
    const out = gzip.pipe(createWriteStream(file));
    const put = async (line: string) => {
      if (!gzip.write(line)) await once(gzip, 'drain');
    };
    const checkpoints = await new CheckpointStore(this.dataSource).between(
      organizationId,
      anchor.seq,
      lastSeq,
    );
    const signed = new Map(checkpoints.map((c) => [c.seq, c.hash]));
    const walker = new ChainWalker(anchor);
    let lastHash = anchor.hash;
    for await (const record of chainRecords(this.dataSource, organizationId, anchor.seq - 1, lastSeq)) {
      const reason = walker.next(record);
      if (reason) {
        gzip.destroy();
        throw new Error(
          `audit chain of organization ${organizationId} is broken at ${record.id} (${reason}); nothing past it is archived or purged`,
        );
      }
      const expected = signed.get(record.seq);
      if (expected !== undefined && expected !== record.hash) {
        gzip.destroy();
        throw new Error(
          `audit row ${record.id} of organization ${organizationId} (seq ${record.seq}) no longer matches its signed checkpoint: history was rewritten; nothing past it is archived or purged`,
        );
      }
      await put(archiveLine(record));
      lastHash = record.hash;
    }
    if (walker.checked !== lastSeq - anchor.seq + 1) {
      gzip.destroy();
      throw new Error(
        `audit rows ${anchor.seq}–${lastSeq} of organization ${organizationId} are not all there`,
      );
    }
    for (const checkpoint of checkpoints) await put(archiveLine(checkpoint));
    gzip.end();
    await finished(out);
    return { events: walker.checked, checkpoints: checkpoints.length, last_hash: lastHash };
  }

  /** The file decompresses and holds what was meant, before anything is stored or deleted. */
  private async checkFile(
    file: string,
    expected: { events: number; checkpoints: number; last_hash: string },
  ): Promise<void> {
    let events = 0;
    let checkpoints = 0;
    let lastHash: string | undefined;
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      const value = JSON.parse(line) as { type?: string; hash: string };
      if (value.type === 'checkpoint') {
        checkpoints += 1;
      } else {
        events += 1;
        lastHash = value.hash;
      }
    }
    if (
      events !== expected.events ||
      checkpoints !== expected.checkpoints ||
      lastHash !== expected.last_hash
    ) {
      throw new Error('the archive written does not read back as the rows and checkpoints it was made from');
    }
  }
}
