import { FaultRegistry, parseFault } from './faults';

describe('fault specs', () => {
  it('fills defaults', () => {
    expect(parseFault({ status: 500 })).toEqual({
      method: undefined,
      path: undefined,
      status: 500,
      count: 1,
      after_commit: false,
      delay_ms: 0,
      reset_connection: false,
    });
    expect(parseFault({ method: 'post', path: '/api/v2/list/*/task', delay_ms: 10 })).toMatchObject({
      method: 'POST',
      delay_ms: 10,
    });
  });

  it('explains what is wrong', () => {
    expect(parseFault({})).toBe('give status, reset_connection or delay_ms');
    expect(parseFault({ status: 700 })).toMatch(/status/);
    expect(parseFault({ status: 500, extra: 1 })).toBe('unknown field(s): extra');
    expect(parseFault({ delay_ms: 5, after_commit: true })).toMatch(/after_commit/);
    expect(parseFault([])).toBe('body must be a JSON object');
  });
});

describe('FaultRegistry', () => {
  it('consumes matching faults in order until their count runs out', () => {
    const faults = new FaultRegistry();
    faults.add({
      method: 'GET',
      path: '/api/v2/task/*',
      status: 503,
      count: 2,
      after_commit: false,
      delay_ms: 0,
      reset_connection: false,
    });
    faults.add({
      path: '/api/v2',
      status: 500,
      count: 1,
      after_commit: false,
      delay_ms: 0,
      reset_connection: false,
    });
    expect(faults.take('GET', '/api/v2/task/1')?.status).toBe(503);
    expect(faults.take('POST', '/api/v2/task/1')?.status).toBe(500);
    expect(faults.take('POST', '/api/v2/task/1')).toBeUndefined();
    expect(faults.take('GET', '/api/v2/task/1')?.status).toBe(503);
    expect(faults.take('GET', '/api/v2/task/1')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('matches * anywhere and treats other paths as prefixes', () => {
    const faults = new FaultRegistry();
    faults.add({
      path: '/api/v2/list/*/task',
      status: 500,
      count: 5,
      after_commit: false,
      delay_ms: 0,
      reset_connection: false,
    });
    expect(faults.take('GET', '/api/v2/list/1')).toBeUndefined();
    expect(faults.take('GET', '/api/v2/list/1/task/extra')).toBeUndefined();
    expect(faults.take('GET', '/api/v2/list/1/task')).toBeDefined();
  });
});
