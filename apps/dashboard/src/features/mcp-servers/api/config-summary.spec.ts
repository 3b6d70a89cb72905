import { describeConfig } from './config-summary';

describe('describeConfig', () => {
  it('reads a read-only tasks server', () => {
    expect(describeConfig({ methods: ['read'], tags: ['tasks'] })).toBe('Read · tasks');
  });

  it('says "all" for empty filters', () => {
    expect(describeConfig({ methods: [], tags: [] })).toBe('All methods · all tool groups');
  });

  it('spells out tool groups', () => {
    expect(describeConfig({ methods: ['read', 'create'], tags: ['time_tracking'] })).toBe(
      'Read, Create · time tracking',
    );
  });
});
