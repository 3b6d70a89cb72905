import { randomBytes, randomUUID } from 'node:crypto';
import { SessionIds } from './session-id';

describe('SessionIds', () => {
  const sessions = new SessionIds(randomBytes(32));
  const client = { name: 'Claude', version: '1.2.3' };

  it('reads back the client on the server that issued the session id', () => {
    const serverId = randomUUID();
    expect(sessions.read(sessions.issue(client, serverId), serverId)).toEqual(client);
  });

  it('rejects a session id presented to another server, so one URL’s session cannot be replayed on another', () => {
    const id = sessions.issue(client, randomUUID());
    expect(sessions.read(id, randomUUID())).toBeNull();
  });

  it('rejects forged, truncated and foreign-key session ids', () => {
    const serverId = randomUUID();
    const id = sessions.issue(client, serverId);
    const [body] = id.split('.');
    expect(sessions.read(`${body}.${'A'.repeat(32)}`, serverId)).toBeNull();
    expect(sessions.read(body, serverId)).toBeNull();
    expect(sessions.read(`${id}.extra`, serverId)).toBeNull();
    expect(new SessionIds(randomBytes(32)).read(id, serverId)).toBeNull();
  });
});
