import type { RetryJobView, ToolContext } from '../core/tool-context';
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
