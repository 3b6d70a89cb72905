import { Injectable } from '@nestjs/common';
import { timeFields } from '../core/format';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { provenApproval, provenJob } from './job.scope';
import { jobsGuard } from './jobs.guard';
import { approvalGetInput, approvalGetOutput, retryJobGetInput, retryJobGetOutput } from './jobs.schemas';

@Injectable()
export class JobsTools implements ToolGroup {
  readonly guard = jobsGuard;
  readonly tools = [
    defineTool({
      name: 'retry_job_get',
      title: 'Get queued call',
      description:
        'A queued call (queued: true): state, attempts, next attempt; once completed, its envelope.',
      method: 'get',
      tags: ['jobs'],
      input: retryJobGetInput,
      output: retryJobGetOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const job = await provenJob(ctx, args.job_id);
        return {
          job_id: job.job_id,
          tool: job.tool,
          state: job.state,
          attempts: job.attempts,
          max_attempts: job.max_attempts,
          ...timeFields('next_attempt_at', job.next_attempt_at),
          result: job.result,
          last_error: job.last_error,
        };
      },
    }),
    defineTool({
      name: 'approval_get',
      title: 'Get approval',
      description: 'A call held with APPROVAL_REQUIRED: state, comment; result once executed.',
      method: 'get',
      tags: ['jobs'],
      input: approvalGetInput,
      output: approvalGetOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const approval = await provenApproval(ctx, args.approval_id);
        return {
          approval_id: approval.approval_id,
          tool: approval.tool,
          state: approval.state,
          expires_at: new Date(approval.expires_at).toISOString(),
          result: approval.result,
          comment: approval.comment,
          decided_by: approval.decided_by,
        };
      },
    }),
  ];
}
