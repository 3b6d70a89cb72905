import type { EncryptionStatus } from '../api/encryption';
import { rotationSummary } from './encryption-progress';

const status = (over: Partial<EncryptionStatus>): EncryptionStatus => ({
  current_key_id: 'aaaaaaaa',
  previous_key_configured: true,
  previous_key_id: 'bbbbbbbb',
  total: 3,
  under_current: 0,
  under_previous: 3,
  unreadable: 0,
  unreadable_values: [],
  previous_key_removable: false,
  job: null,
  ...over,
});

describe('rotationSummary', () => {
  it('follows a run until every value is under the current key, then says the old key can go', () => {
    const job = { state: 'active', started_at: null, finished_at: null, done: 1, total: 3, error: null };
    expect(rotationSummary(status({ under_current: 1, under_previous: 2, job }))).toEqual({
      phase: 'running',
      percent: 33,
    });
    expect(
      rotationSummary(
        status({
          under_current: 3,
          under_previous: 0,
          previous_key_removable: true,
          job: { ...job, state: 'completed' },
        }),
      ),
    ).toEqual({ phase: 'removable', percent: 100 });
  });

  it('never reads 100 % while a value is left, and puts unreadable values before everything else once idle', () => {
    expect(rotationSummary(status({ total: 1000, under_current: 999, under_previous: 1 }))).toEqual({
      phase: 'pending',
      percent: 99,
    });
    expect(rotationSummary(status({ under_current: 2, under_previous: 0, unreadable: 1 })).phase).toBe(
      'attention',
    );
  });

  it('has nothing to do with a single key and nothing unreadable, even with nothing stored', () => {
    const single = { previous_key_configured: false, previous_key_id: null, under_previous: 0 };
    expect(rotationSummary(status({ ...single, under_current: 3 }))).toEqual({
      phase: 'single-key',
      percent: 100,
    });
    expect(rotationSummary(status({ ...single, total: 0 }))).toEqual({ phase: 'single-key', percent: 100 });
  });
});
