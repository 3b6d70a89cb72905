import { declaresTasks, missingTasksCapability, TASKS_EXTENSION } from './tasks-extension';

const withCapabilities = (capabilities: unknown) => ({
  _meta: { 'io.modelcontextprotocol/clientCapabilities': capabilities },
});

describe('the tasks extension, declared per request', () => {
  it('is taken when the request lists it among its client capabilities’ extensions', () => {
    expect(declaresTasks(withCapabilities({ extensions: { [TASKS_EXTENSION]: {} } }))).toBe(true);
    expect(
      declaresTasks(withCapabilities({ sampling: {}, extensions: { other: {}, [TASKS_EXTENSION]: {} } })),
    ).toBe(true);
  });

  it('is not taken from anything else', () => {
    expect(declaresTasks(undefined)).toBe(false);
    expect(declaresTasks({})).toBe(false);
    expect(declaresTasks(withCapabilities({}))).toBe(false);
    expect(declaresTasks(withCapabilities({ extensions: { [TASKS_EXTENSION]: true } }))).toBe(false);
    expect(declaresTasks(withCapabilities({ extensions: { [TASKS_EXTENSION]: null } }))).toBe(false);
    // The 2025-11-25 shapes: a session capability and a task-augmented request are not the extension.
    expect(declaresTasks({ task: { ttl: 60000 }, _meta: {} })).toBe(false);
    expect(declaresTasks(withCapabilities({ tasks: { requests: { tools: { call: {} } } } }))).toBe(false);
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
