import { Injectable } from '@nestjs/common';
import { PasswordResetEntity, SessionEntity } from '@gw/db';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource, LessThan } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/**
 * An attempt that cannot finish in this time is cancelled by the database and retried with backoff, rather than
 * left hanging behind a lock. The timeout is the database's own, so a cancelled attempt deletes nothing.
 */
const ATTEMPT_TIMEOUT_MS = 5000;

/**
 * A used or expired reset link is kept this long, so an admin can still see that a link was issued and spent; after
 * that it is only a hash nobody can use.
 */
const SPENT_RESET_LINK_KEPT_MS = 86_400_000;

/**
 * Deletes dashboard sessions that have expired, password-reset links spent for a day, and what the MCP
 * authorization server stored that has expired (codes, tokens, interactions, grants): lookups already ignore those
 * rows, this only keeps the table small. Scheduled nightly; admins can also run it from the api.
 */
@Injectable()
export class SessionCleanupJob implements JobProcessor<'session-cleanup'> {
  readonly name = 'session-cleanup' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(_payload: JobPayload<'session-cleanup'>): Promise<JobResult<'session-cleanup'>> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${ATTEMPT_TIMEOUT_MS}`);
      const sessions = await tx.getRepository(SessionEntity).delete({ expiresAt: LessThan(new Date()) });
      const spentBefore = new Date(Date.now() - SPENT_RESET_LINK_KEPT_MS);
      const resetLinks = await tx
        .createQueryBuilder()
        .delete()
        .from(PasswordResetEntity)
        .where('expires_at < :spentBefore OR used_at < :spentBefore', { spentBefore })
        .execute();
      const oauthRecords: [unknown[], number] = await tx.query(
        'DELETE FROM oauth_records WHERE expires_at < now()',
      );
      return {
        deleted: sessions.affected ?? 0,
        reset_links_deleted: resetLinks.affected ?? 0,
        oauth_records_deleted: oauthRecords[1],
      };
    });
  }
}
