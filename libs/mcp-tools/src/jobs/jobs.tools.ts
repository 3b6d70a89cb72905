import { Injectable } from '@nestjs/common';
import { timeFields } from '../core/format';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { provenJob } from './job.scope';
import { jobsGuard } from './jobs.guard';
import { retryJobGetInput, retryJobGetOutput } from './jobs.schemas';

@Injectable()
export class JobsTools implements ToolGroup {
  readonly guard = jobsGuard;
  readonly tools = [
    defineTool({
      name: 'retry_job_get',
      title: 'Get queued call',
      description:
        'A queued call (issue with queued: true): state waiting|delayed|active|completed|failed, attempts, ' +
        "next_attempt_at; once completed, result is the call's own {ok, result, issues}.",
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
  ];
}
