// The reference Tasks requester (`@modelcontextprotocol/ext-tasks`) over the SDK v2 client, pinned to MCP
// 2026-07-28, as an application would drive it: it calls one tool and follows the task the gateway answers with
// until it settles (or cancels it first). ESM only, like the package, so the e2e suite runs it as a child process;
// it prints one JSON line with what it saw.
//
//   node test/mcp/ext-tasks-requester.mjs <mcp url> <settle|cancel> <tool> <json arguments>
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTaskSessionFromClient } from '@modelcontextprotocol/ext-tasks/client';

const [url, mode, tool, args] = process.argv.slice(2);
const PROTOCOL = '2026-07-28';
const TASKS = 'io.modelcontextprotocol/tasks';
const clientInfo = { name: 'ext-tasks-e2e', version: '1.0.0' };

const client = new Client(clientInfo, {
  capabilities: { extensions: { [TASKS]: {} } },
  versionNegotiation: { mode: { pin: PROTOCOL } },
});
await client.connect(new StreamableHTTPClientTransport(new URL(url)));

// The SDK's codecs do not carry task results, so the requester sends tools/call and tasks/* itself, framed by the
// package; this is the HTTP leg, with the routing headers 2026-07-28 requires.
let nextId = 0;
async function rawDispatch(request) {
  const params = request.params ?? {};
  const name = request.method === 'tools/call' ? params.name : params.taskId;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': PROTOCOL,
      'mcp-method': request.method,
      ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: `ext-tasks-${++nextId}`, ...request }),
  });
  const body = await res.json();
  return body.error ? { kind: 'error', error: body.error } : { kind: 'result', result: body.result };
}

const session = createTaskSessionFromClient(client, {
  endpointId: url,
  rawDispatch,
  v2RequestFraming: { protocolVersion: PROTOCOL, clientInfo, clientCapabilities: {} },
});
const seen = { capabilities: session.capabilities ?? null };
try {
  const execution = await session.callTool(tool, JSON.parse(args));
  seen.kind = execution.kind;
  seen.taskId = execution.handle?.taskId ?? null;
  if (mode === 'cancel' && execution.kind === 'task') await execution.cancel();
  const statuses = [];
  const { outcome } = await execution.settle({
    onEvent: (event) => void statuses.push(event.type === 'task' ? event.task.status : event.outcome.status),
  });
  seen.statuses = statuses;
  seen.status = outcome.status;
  seen.result = outcome.status === 'completed' ? outcome.result : null;
  seen.error = outcome.status === 'failed' ? String(outcome.error?.message ?? outcome.error) : null;
} catch (error) {
  seen.thrown = String(error?.stack ?? error);
} finally {
  await session.close().catch(() => undefined);
  await client.close().catch(() => undefined);
}
process.stdout.write(`${JSON.stringify(seen)}\n`);
