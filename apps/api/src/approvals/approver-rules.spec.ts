import type { ApprovalDecision } from '@gw/db';
import { whyNotDecide, type DecidedRequest, type Decider } from './approver-rules';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '33333333-3333-4333-8333-333333333333';
const REVIEWERS = '44444444-4444-4444-8444-444444444444';

const admin = (userId: string | null, teamIds: string[] = []): Decider => ({
  userId,
  role: 'admin',
  teamIds,
});
const member = (userId: string, teamIds: string[] = []): Decider => ({ userId, role: 'member', teamIds });
const request = (over: Partial<DecidedRequest> = {}): DecidedRequest => ({
  requesterUserId: BOB,
  serverCreatorUserId: CAROL,
  approvers: null,
  decisions: [],
  ...over,
});
const approved = (userId: string): ApprovalDecision => ({
  user_id: userId,
  email: 'x@example.com',
  decision: 'approve',
  comment: null,
  at: '2026-12-05T10:00:00.000Z',
});

describe('who may decide on an approval request', () => {
  it('lets the organization’s owners and admins decide when the policy names nobody', () => {
    expect(whyNotDecide(admin(ALICE), request())).toBeNull();
    expect(whyNotDecide({ userId: ALICE, role: 'owner', teamIds: [] }, request())).toBeNull();
    expect(whyNotDecide(member(ALICE), request())).toMatch(/owners and admins/);
  });

  it('never lets an auditor decide, nor a token no person created', () => {
    expect(whyNotDecide({ userId: ALICE, role: 'auditor', teamIds: [] }, request())).toMatch(/Auditors/);
    expect(whyNotDecide(admin(null), request())).toMatch(/no person/);
  });

  it('never lets the person who asked decide, whatever their role', () => {
    expect(whyNotDecide(admin(BOB), request())).toMatch(/You made this call/);
    expect(whyNotDecide(admin(BOB), request({ approvers: { user_ids: [BOB] } }))).toMatch(/You made/);
  });

  it('never lets the creator of a server decide a call made at its secret URL, but does a signed-in person’s', () => {
    expect(whyNotDecide(admin(CAROL), request({ requesterUserId: null }))).toMatch(/hold its URL/);
    expect(whyNotDecide(admin(CAROL), request())).toBeNull();
  });

  it('keeps a policy’s named approvers to themselves: its people and its team’s members', () => {
    const named = request({ approvers: { team_id: REVIEWERS, user_ids: [ALICE] } });
    expect(whyNotDecide(member(ALICE), named)).toBeNull();
    expect(whyNotDecide(member(CAROL, [REVIEWERS]), named)).toBeNull();
    expect(whyNotDecide(admin(CAROL), named)).toMatch(/approvers named/);
  });

  it('wants a second approval from someone who has not approved yet', () => {
    const once = request({ decisions: [approved(ALICE)] });
    expect(whyNotDecide(admin(ALICE), once)).toMatch(/someone else/);
    expect(whyNotDecide(admin(CAROL), once)).toBeNull();
  });
});
