import { randomBytes } from 'node:crypto';
import { LINK_REQUEST_TTL_MS, LinkRequests } from './link-requests';

const key = () => randomBytes(32).toString('base64');

describe('LinkRequests', () => {
  it('names the server for the person it was made for, and differs every time', () => {
    const requests = new LinkRequests(key());
    const id = requests.issue('user-1', 'server-1');
    expect(requests.verify(id, 'user-1')).toEqual({ ok: true, serverId: 'server-1' });
    expect(requests.issue('user-1', 'server-1')).not.toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(id.split('.')[0], 'base64url').toString()).not.toContain('user-1');
  });

  it('refuses another person, another key, a changed payload, an expired id and garbage', () => {
    const requests = new LinkRequests(key());
    const id = requests.issue('user-1', 'server-1');
    expect(requests.verify(id, 'user-2')).toEqual({ ok: false, reason: 'other-person' });
    expect(new LinkRequests(key()).verify(id, 'user-1')).toEqual({ ok: false, reason: 'other-person' });
    const [, mac] = id.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'server-2', e: Date.now() + 1e6, r: 'x' })).toString(
      'base64url',
    );
    expect(requests.verify(`${forged}.${mac}`, 'user-1')).toEqual({ ok: false, reason: 'other-person' });
    const old = requests.issue('user-1', 'server-1', Date.now() - LINK_REQUEST_TTL_MS - 1);
    expect(requests.verify(old, 'user-1')).toEqual({ ok: false, reason: 'expired' });
    expect(requests.verify('nonsense', 'user-1')).toEqual({ ok: false, reason: 'malformed' });
    expect(requests.verify('a.b.c', 'user-1')).toEqual({ ok: false, reason: 'malformed' });
  });
});
