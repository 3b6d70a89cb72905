import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { provenApproval, provenJob } from './job.scope';
import { approvalGetInput, retryJobGetInput } from './jobs.schemas';

export const jobsGuard = defineGuard({
  tag: 'jobs',
  tools: {
    retry_job_get: guardTool(retryJobGetInput, {
      ids: { job_id: idProof('job', (id, _args, ctx) => provenJob(ctx, id)) },
    }),
    approval_get: guardTool(approvalGetInput, {
      ids: { approval_id: idProof('approval', (id, _args, ctx) => provenApproval(ctx, id)) },
    }),
  },
});
