import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { provenJob } from './job.scope';
import { retryJobGetInput } from './jobs.schemas';

export const jobsGuard = defineGuard({
  tag: 'jobs',
  tools: {
    retry_job_get: guardTool(retryJobGetInput, {
      ids: { job_id: idProof('job', (id, _args, ctx) => provenJob(ctx, id)) },
    }),
  },
});
