import { Injectable } from '@nestjs/common';
import { ApprovalEntity } from '@gw/db';
import { approvalCallHash, type ToolCallJobPayload } from '@gw/queue';
import { DataSource } from 'typeorm';

/**
 * Whether a job that says it carries out an approval may run: the approval exists, was given for this very job (its
 * id is the job's), is approved and not yet executed, and the job's call still hashes to what was approved — the
 * server, the person who asked, the tool and its arguments. Null when it may run; else why not.
 */
@Injectable()
export class ApprovedCall {
  constructor(private readonly dataSource: DataSource) {}

  async refusal(jobId: string, payload: ToolCallJobPayload): Promise<string | null> {
    const claimed = payload.approval;
    if (!claimed) return null;
    if (claimed.id !== jobId) return `it names approval ${claimed.id}, which was given for another job.`;
    const approval = await this.dataSource.getRepository(ApprovalEntity).findOneBy({ id: claimed.id });
    if (!approval) return `its approval ${claimed.id} does not exist.`;
    if (approval.state !== 'approved') return `its approval is ${approval.state}, not approved.`;
    const hash = approvalCallHash({
      server_id: payload.server_id,
      requester_user_id: payload.origin.caller?.user_id ?? null,
      tool: payload.tool,
      arguments: payload.arguments,
    });
    if (hash !== approval.callHash || claimed.call_hash !== approval.callHash) {
      return 'its call (server, person, tool or arguments) is not the call that was approved.';
    }
    return null;
  }
}
