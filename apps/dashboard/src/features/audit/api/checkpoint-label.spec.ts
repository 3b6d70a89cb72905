import { formatDateTime } from '@/lib/format';
import type { CheckpointStatus } from './audit.types';
import { checkpointLabel } from './checkpoint-label';

const latest = {
  seq: 48210,
  hash: 'a'.repeat(64),
  created_at: '2026-12-05T10:20:00.000Z',
  key_id: '3f9c2a7d18e0b6c4',
  every_events: 1000,
  every_minutes: 10,
};
const status = (state: CheckpointStatus['state'], withLatest = true): CheckpointStatus => ({
  state,
  message: '',
  head_seq: 48215,
  uncovered_events: 5,
  latest: withLatest ? latest : null,
});

describe('checkpointLabel', () => {
  it('names the newest checkpoint: seq, time and key id', () => {
    expect(checkpointLabel(status('current'))).toEqual({
      tone: 'success',
      text: `Signed to #48210 · ${formatDateTime(latest.created_at)} · key 3f9c2a7d18e0b6c4`,
    });
  });

  it('says plainly when checkpoints are off or stopped', () => {
    expect(checkpointLabel(status('off', false))).toEqual({ tone: 'warning', text: 'Checkpoints off' });
    expect(checkpointLabel(status('overdue'))).toEqual({
      tone: 'destructive',
      text: 'Checkpoints overdue since #48210',
    });
    expect(checkpointLabel(status('pending', false))).toEqual({
      tone: 'secondary',
      text: 'First checkpoint pending',
    });
  });
});
