import { redactArguments } from '@gw/audit-recorder';
import type { RetryJobView } from '@gw/mcp-tools';
import type { RetryJobDto } from './dto/retry-job.dto';
import type { ToolCallJob } from './retry-queue.service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toRetryJobDto(job: ToolCallJob, view: RetryJobView): RetryJobDto {
  return {
    id: view.job_id,
    state: view.state,
    tool: view.tool,
    server_id: job.data.server_id,
    team_id: job.data.team_id,
    reason: job.data.reason,
    attempts: view.attempts,
    max_attempts: view.max_attempts,
    queued_at: new Date(view.queued_at).toISOString(),
    next_attempt_at: iso(view.next_attempt_at),
    finished_at: iso(view.finished_at),
    last_error: view.last_error,
    arguments: redactArguments(job.data.arguments),
    writes: job.data.journal.writes.map((w) => ({
      operation: w.request.operation,
      method: w.request.method,
      path: w.request.path,
      state: w.state,
    })),
    result: view.result,
  };
}
