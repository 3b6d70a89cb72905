import type { Findings } from './fuzz-support';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON-RPC messages of an answer: its JSON body, or the `data:` lines of an event stream. */
export function messagesOf(answer: { text: string; json: unknown; contentType: string }): unknown[] {
  if (answer.contentType.startsWith('text/event-stream')) {
    return answer.text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => {
        try {
          return JSON.parse(line.slice(5)) as unknown;
        } catch {
          return line;
        }
      });
  }
  if (Array.isArray(answer.json)) return answer.json;
  return answer.json === undefined ? [] : [answer.json];
}

/**
 * Judges one answer of `/mcp/{token}`: never 5xx, and every refusal a clear error — a JSON-RPC error with a
 * message, or a tool result with `isError: true` whose issues each carry a code and a message that names the
 * argument at fault. Anything else is added to `findings`.
 */
export function judgeMcpAnswer(
  answer: { status: number; text: string; json: unknown; contentType: string },
  sent: string,
  findings: Findings,
  expectReply: boolean,
): void {
  findings.note(answer.status);
  const example = `${answer.status} ${answer.text.slice(0, 300)} ⇐ ${sent}`;
  if (answer.status >= 500) return findings.add(`HTTP ${answer.status}`, example);
  if (answer.status === 429) return;
  if (answer.status === 202) {
    if (expectReply) findings.add('202 without an answer to a request', example);
    return;
  }
  const messages = messagesOf(answer);
  if (messages.length === 0) return findings.add(`HTTP ${answer.status} without a JSON-RPC body`, example);
  for (const message of messages) {
    if (!isObject(message) || message['jsonrpc'] !== '2.0') {
      findings.add(`HTTP ${answer.status} answer is not JSON-RPC`, example);
      continue;
    }
    if ('error' in message) {
      const error = message['error'];
      if (
        !isObject(error) ||
        typeof error['code'] !== 'number' ||
        typeof error['message'] !== 'string' ||
        !error['message']
      )
        findings.add('JSON-RPC error without a code and a message', example);
      continue;
    }
    if (answer.status >= 400) findings.add(`HTTP ${answer.status} with a JSON-RPC result`, example);
    if ('method' in message) continue; // a progress notification on the event stream
    judgeResult(message['result'], example, findings);
  }
}

function judgeResult(result: unknown, example: string, findings: Findings): void {
  if (!isObject(result)) return findings.add('JSON-RPC result is not an object', example);
  if (!('isError' in result)) return; // not a tool result
  const envelope = result['structuredContent'];
  if (!isObject(envelope) || !Array.isArray(envelope['issues']))
    return findings.add('tool result without an envelope', example);
  if (result['isError'] !== !envelope['ok']) findings.add('isError disagrees with the envelope', example);
  if (!result['isError']) return findings.note('tool ok');
  const issues = envelope['issues'] as unknown[];
  if (issues.length === 0) findings.add('failed tool result with no issue', example);
  for (const issue of issues) {
    if (!isObject(issue) || typeof issue['code'] !== 'string' || typeof issue['message'] !== 'string') {
      findings.add('issue without a code and a message', example);
      continue;
    }
    findings.note(`tool ${issue['code']}`);
    const message = issue['message'];
    if (message.startsWith('The gateway failed to complete this call'))
      findings.add('a tool handler threw an unexpected error', example);
    else if (issue['code'] === 'VALIDATION_ERROR' && !issue['path'] && /^invalid input\b/i.test(message))
      findings.add('"Invalid input" that names no argument', example);
  }
}
