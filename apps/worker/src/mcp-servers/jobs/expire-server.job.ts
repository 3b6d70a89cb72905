import { Injectable } from '@nestjs/common';
import { McpServerEntity } from '@gw/db';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource, IsNull, LessThanOrEqual, Not } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/**
 * Deletes an MCP server's token hash once its expiry has passed, so an expired URL can never work again even if
 * someone later moves the date. The MCP endpoint already refuses expired servers on every request; this is the
 * cleanup. The expiry is re-read here because it may have been extended after the job was scheduled.
 */
@Injectable()
export class ExpireServerJob implements JobProcessor<'expire-server'> {
  readonly name = 'expire-server' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(payload: JobPayload<'expire-server'>): Promise<JobResult<'expire-server'>> {
    const servers = this.dataSource.getRepository(McpServerEntity);
    // One conditional UPDATE, so a concurrent extension either wins entirely or not at all.
    const { affected } = await servers.update(
      { id: payload.server_id, tokenHash: Not(IsNull()), expiresAt: LessThanOrEqual(new Date()) },
      { tokenHash: null },
    );
    if (affected) return { purged: true, reason: 'expired' };
    const server = await servers.findOne({
      where: { id: payload.server_id },
      select: { id: true, tokenHash: true, expiresAt: true },
    });
    if (!server) return { purged: false, reason: 'not-found' };
    if (server.tokenHash === null) return { purged: false, reason: 'already-purged' };
    return { purged: false, reason: 'not-expired' };
  }
}
