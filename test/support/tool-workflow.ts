import type { Envelope } from './mcp';

/** What a workflow needs of an MCP client, whichever SDK and protocol generation it is. */
export interface ToolClient {
  toolNames(): Promise<string[]>;
  call<T>(name: string, args: Record<string, unknown>): Promise<Envelope<T>>;
}

/** What a user of the workflow would see: who they are, the task they read, the comment they wrote and found. */
export interface WorkflowOutcome {
  tools: string[];
  me: string | undefined;
  task: string | undefined;
  commented: boolean;
  found: boolean;
}

/**
 * A short agent session against the sandbox: list the tools, ask who it is, read a task, comment on it and read the
 * comment back. Every client generation must get the same answers from the same URL.
 */
export async function runToolWorkflow(
  client: ToolClient,
  taskId: string,
  label: string,
): Promise<WorkflowOutcome> {
  const tools = await client.toolNames();
  const me = await client.call<{ username: string }>('user_me', {});
  const task = await client.call<{ id: string }>('task_get', { task_id: taskId });
  const text = `Checked by ${label}`;
  const comment = await client.call('comment_create', { task_id: taskId, text });
  const comments = await client.call<{ items: { text: string }[] }>('comment_list', { task_id: taskId });
  return {
    tools,
    me: me.result?.username,
    task: task.result?.id,
    commented: comment.ok,
    found: (comments.result?.items ?? []).some((c) => c.text === text),
  };
}
