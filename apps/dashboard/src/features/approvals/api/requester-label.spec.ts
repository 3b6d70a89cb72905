import { requesterLabel } from './requester-label';

const server = { id: 's1', name: 'Support agent' };
const nobody = { user_id: null, email: null, oauth_client_id: null, client_name: null };

describe('requesterLabel', () => {
  it('names a signed-in person and the client acting for them', () => {
    expect(
      requesterLabel({
        server,
        requested_by: {
          ...nobody,
          kind: 'person',
          user_id: 'u1',
          email: 'mel@example.com',
          oauth_client_id: 'https://claude.ai/oauth/metadata',
          client_name: 'claude-ai',
        },
      }),
    ).toEqual({ who: 'mel@example.com', via: 'claude-ai' });
  });

  it('names the server’s secret URL when no person is known, and the OAuth client when no name is', () => {
    expect(
      requesterLabel({ server, requested_by: { ...nobody, kind: 'server', client_name: 'cursor' } }),
    ).toEqual({
      who: 'Secret URL of Support agent',
      via: 'cursor',
    });
    expect(
      requesterLabel({
        server,
        requested_by: { ...nobody, kind: 'person', user_id: '0123456789', oauth_client_id: 'client-9' },
      }),
    ).toEqual({ who: 'User 01234567', via: 'client-9' });
  });
});
