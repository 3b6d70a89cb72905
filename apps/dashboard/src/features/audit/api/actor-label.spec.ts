import { actorLabel } from './actor-label';

const directory = {
  servers: new Map([['s1', 'Support agent']]),
  users: new Map([['u1', 'Dana']]),
};

describe('actorLabel', () => {
  it('names agents by their server and users by their name', () => {
    expect(actorLabel('mcp:s1', directory)).toEqual({ kind: 'Agent', name: 'Support agent' });
    expect(actorLabel('user:u1', directory)).toEqual({ kind: 'User', name: 'Dana' });
  });

  it('falls back to a short id for what it does not know', () => {
    expect(actorLabel('mcp:0123456789', directory).name).toBe('Server 01234567');
    expect(actorLabel('token:abcdef0123', directory)).toEqual({ kind: 'API token', name: 'Token abcdef01' });
    expect(actorLabel('mcp:unknown', directory).name).toBe('Unknown or revoked URL');
    expect(actorLabel('bootstrap', directory)).toEqual({ kind: 'System', name: 'bootstrap' });
  });
});
