import { issuerProblem, parseGroupRules, parseSsoProviderForm } from './sso-settings.schema';

const form = {
  issuer_url: 'https://acme.okta.com',
  client_id: 'gateway',
  client_secret: '',
  groups_claim: 'groups',
  button_label: '',
  scopes: 'openid  email profile groups',
};

describe('the SSO provider form', () => {
  it('sends what was typed, keeping the stored secret when the field is left empty', () => {
    expect(parseSsoProviderForm(form, { fromEnv: false, hasSecret: true })).toEqual({
      ok: true,
      value: {
        issuer_url: 'https://acme.okta.com',
        client_id: 'gateway',
        groups_claim: 'groups',
        button_label: null,
        scopes: 'openid email profile groups',
      },
    });
    expect(parseSsoProviderForm(form, { fromEnv: false, hasSecret: false })).toEqual({
      ok: false,
      message: 'The client secret is needed.',
    });
  });

  it('sends only what the environment leaves to Settings', () => {
    const parsed = parseSsoProviderForm(
      { ...form, issuer_url: '', client_id: '', button_label: 'Okta' },
      {
        fromEnv: true,
        hasSecret: true,
      },
    );
    expect(parsed).toEqual({
      ok: true,
      value: { groups_claim: 'groups', button_label: 'Okta', scopes: 'openid email profile groups' },
    });
  });

  it('explains a bad issuer or scopes without openid', () => {
    expect(
      parseSsoProviderForm(
        { ...form, issuer_url: 'http://idp.example.com' },
        { fromEnv: false, hasSecret: true },
      ),
    ).toEqual({
      ok: false,
      message: 'The issuer must use https (plain http only for an IdP on this machine).',
    });
    expect(parseSsoProviderForm({ ...form, scopes: 'email' }, { fromEnv: false, hasSecret: true })).toEqual({
      ok: false,
      message: 'The scopes include openid.',
    });
    expect(issuerProblem('http://127.0.0.1:8080')).toBeNull();
    expect(issuerProblem('https://idp.example.com/?x=1')).toBe('The issuer has no query or fragment.');
  });
});

describe('the group mapping editor', () => {
  it('turns rows into rules', () => {
    expect(
      parseGroupRules([
        { group: ' admins ', role: 'admin', team_ids: [] },
        { group: 'support', role: '', team_ids: ['t1'] },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { group: 'admins', role: 'admin', team_ids: [] },
        { group: 'support', role: null, team_ids: ['t1'] },
      ],
    });
  });

  it('refuses blank and repeated groups and rules that give nothing', () => {
    expect(parseGroupRules([{ group: ' ', role: 'admin', team_ids: [] }])).toEqual({
      ok: false,
      message: 'Rule 1 needs a group.',
    });
    expect(
      parseGroupRules([
        { group: 'a', role: 'admin', team_ids: [] },
        { group: 'a', role: 'member', team_ids: [] },
      ]),
    ).toEqual({ ok: false, message: 'The group “a” has two rules.' });
    expect(parseGroupRules([{ group: 'a', role: '', team_ids: [] }])).toEqual({
      ok: false,
      message: 'Rule 1 (“a”) gives neither a role nor a team.',
    });
  });
});
