import { parseTeamPolicyForm, type TeamPolicyForm } from './team-policy.schema';

const form: TeamPolicyForm = {
  connection_ids: [],
  workspace_ids: [],
  tags: [],
  methods: ['read'],
  require_space_pinning: false,
  require_api_token_auth: false,
  max_expiry_days: '',
};

describe('team policy form', () => {
  it('reads an empty maximum expiry as no limit and a number as days', () => {
    expect(parseTeamPolicyForm(form)).toMatchObject({ ok: true, value: { max_expiry_days: null } });
    expect(parseTeamPolicyForm({ ...form, max_expiry_days: ' 30 ' })).toMatchObject({
      ok: true,
      value: { max_expiry_days: 30 },
    });
  });

  it('explains a maximum expiry that is not a number of days', () => {
    for (const bad of ['0', 'soon', '1.5', '99999']) {
      expect(parseTeamPolicyForm({ ...form, max_expiry_days: bad })).toMatchObject({ ok: false });
    }
  });
});
