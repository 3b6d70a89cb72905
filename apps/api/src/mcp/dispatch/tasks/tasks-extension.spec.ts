import { readModernMeta, type ModernRequestMeta } from '../request-meta';
import { missingTasksCapability, takesTasks, TASKS_EXTENSION } from './tasks-extension';

/** A 2026-07-28 request's `_meta` as the admission stage reads it. */
function meta(capabilities: unknown): ModernRequestMeta {
  const read = readModernMeta({ _meta: { 'io.modelcontextprotocol/clientCapabilities': capabilities } });
  if ('code' in read) throw new Error(read.message);
  return read;
}

describe('the tasks extension, declared per request', () => {
  it('is taken when the request lists it among its client capabilities’ extensions', () => {
    expect(takesTasks(meta({ extensions: { [TASKS_EXTENSION]: {} } }))).toBe(true);
    expect(takesTasks(meta({ sampling: {}, extensions: { other: {}, [TASKS_EXTENSION]: {} } }))).toBe(true);
  });

  it('is not taken from anything else', () => {
    // A 2025-11-25 session request: no per-request meta at all.
    expect(takesTasks(null)).toBe(false);
    expect(takesTasks(meta({}))).toBe(false);
    expect(takesTasks(meta({ extensions: { [TASKS_EXTENSION]: true } }))).toBe(false);
    expect(takesTasks(meta({ extensions: { [TASKS_EXTENSION]: null } }))).toBe(false);
    // 2025-11-25's tasks capability is not the extension.
    expect(takesTasks(meta({ tasks: { requests: { tools: { call: {} } } } }))).toBe(false);
  });

  it('is asked for with MissingRequiredClientCapability, naming the extension', () => {
    expect(missingTasksCapability(7, 'tasks/get')).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32021,
        message: expect.stringContaining('tasks/get needs the io.modelcontextprotocol/tasks extension'),
        data: { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } },
      },
    });
  });
});
