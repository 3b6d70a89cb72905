import type { ApprovalView, RetryJobView, ToolContext } from '../core/tool-context';
import { notFound, ToolError } from '../core/tool-error';

/** A queued call of this MCP server: the lookup sees its own jobs only, and another server's answers like none. */
export function provenJob(ctx: ToolContext, jobId: string): Promise<RetryJobView> {
  return ctx.scope.once(`job ${jobId}`, async () => {
    if (!ctx.jobs) throw new ToolError('UPSTREAM_ERROR', 'The retry queue is not available here.');
    const job = await ctx.jobs.get(jobId);
    if (!job) throw notFound(`No queued call ${jobId} on this MCP server.`);
    return job;
  });
}

/**
 * An approval request of this MCP server (and, at a sign-in URL, of the person asking): the lookup sees its own
 * only, so an id taken from another server, or another person, answers like one that never existed.
 */
export function provenApproval(ctx: ToolContext, approvalId: string): Promise<ApprovalView> {
  return ctx.scope.once(`approval ${approvalId}`, async () => {
    if (!ctx.approvals) throw new ToolError('UPSTREAM_ERROR', 'Approvals are not available here.');
    const approval = await ctx.approvals.get(approvalId);
    if (!approval) throw notFound(`No approval request ${approvalId} on this MCP server.`);
    return approval;
  });
}
