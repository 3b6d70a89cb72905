import { WebhookReceiver, waitFor, type ReceivedRequest } from '@gw/testing';
import { createHmac } from 'node:crypto';
import { Stack } from '../support/stack';

interface Delivery {
  id: string;
  event: string;
  state: 'pending' | 'completed' | 'failed';
  attempts: number;
  max_attempts: number;
  last_status: number | null;
  last_error: string | null;
  finished_at: string | null;
}

const BASE_DELAY_MS = 300;
const MAX_ATTEMPTS = 4;

/** The check a receiver makes (docs/approval-notifications.md). */
function verifies(secret: string, request: ReceivedRequest): boolean {
  const timestamp = request.headers['x-gateway-timestamp'] as string;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-gateway-signature'] === expected;
}

/**
 * Approval notifications leave through the worker's `notifications` queue: a receiver that fails gets the same
 * delivery again with backoff until it accepts it, a receiver that keeps failing leaves a dead letter an admin can
 * redeliver, and a receiver that refuses it (4xx) is not asked again.
 */
describe.each(['postgres+redis', 'embedded'] as const)('approval webhook delivery (%s)', (mode) => {
  const stack = new Stack(mode, {
    env: {
      APPROVAL_WEBHOOK_BASE_DELAY_MS: String(BASE_DELAY_MS),
      APPROVAL_WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      APPROVAL_WEBHOOK_TIMEOUT_MS: '2000',
    },
  });
  let receiver: WebhookReceiver;
  let teamId: string;
  let secret: string;
  const webhook = (rest = '') => `/teams/${teamId}/approval-webhook${rest}`;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    await stack.start();
    teamId = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' })).body.id;
    const saved = await stack.rest<{ secret: string }>('PUT', webhook(), { url: receiver.url('/approvals') });
    expect(saved.status).toBe(200);
    secret = saved.body.secret;
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    await receiver?.close();
  }, 60_000);

  beforeEach(() => receiver.reset());

  async function sendTest(): Promise<string> {
    const sent = await stack.rest<Delivery>('POST', webhook('/test'));
    expect(sent.status).toBe(202);
    return sent.body.id;
  }

  async function delivery(id: string): Promise<Delivery | undefined> {
    const listed = await stack.rest<{ items: Delivery[] }>('GET', webhook('/deliveries'));
    return listed.body.items.find((d) => d.id === id);
  }

  /** Waits until the delivery has ended (delivered or dead-lettered). */
  function ended(id: string, timeoutMs = 60_000): Promise<Delivery> {
    return waitFor(
      async () => {
        const found = await delivery(id);
        return found && found.state !== 'pending' ? found : undefined;
      },
      { timeoutMs, intervalMs: 200, what: `delivery ${id} to end` },
    );
  }

  it('retries after a 500 and a 429, then delivers once, each attempt signed with the team secret', async () => {
    receiver.answer({ status: 500 }, { status: 429, headers: { 'retry-after': '1' } });
    const id = await sendTest();

    const done = await ended(id);
    expect(done).toMatchObject({ state: 'completed', attempts: 3, last_status: 200, last_error: null });
    const attempts = receiver.received;
    expect(attempts).toHaveLength(3);
    expect(attempts.map((r) => r.headers['x-gateway-delivery'])).toEqual([id, id, id]);
    expect(attempts.every((r) => verifies(secret, r))).toBe(true);
    expect(attempts.map((r) => r.headers['x-gateway-event'])).toEqual(Array(3).fill('webhook.test'));
    // Backoff: the base delay after the 500, the receiver's Retry-After (1 s) after the 429.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(BASE_DELAY_MS);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(1000);

    const body = JSON.parse(attempts[2].body);
    expect(body.text).toMatch(/^Test notification: approval requests of team Support will be posted here/);
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(body.blocks[2].elements[0].url).toMatch(/\/approvals$/);
    expect(body).toMatchObject({
      event: 'webhook.test',
      team: { id: teamId, name: 'Support' },
      approval: null,
    });

    // Nothing more arrives: the accepted delivery is not sent again.
    await new Promise((r) => setTimeout(r, 2 * BASE_DELAY_MS));
    expect(receiver.received).toHaveLength(3);
  });

  it('dead-letters a delivery the receiver keeps failing, lists it as failed, and redelivers it', async () => {
    receiver.always({ status: 503 });
    const id = await sendTest();

    const dead = await ended(id);
    expect(dead).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      max_attempts: MAX_ATTEMPTS,
      last_status: 503,
      last_error: 'HTTP 503 Service Unavailable',
    });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const failed = await stack.rest<{ items: Delivery[] }>('GET', webhook('/deliveries?state=failed'));
    expect(failed.body.items.map((d) => d.id)).toContain(id);

    receiver.always({ status: 204 });
    const again = await stack.rest<Delivery>('POST', webhook(`/deliveries/${id}/redeliver`));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, state: 'pending', attempts: 0 });
    expect(await ended(id)).toMatchObject({ state: 'completed', attempts: 1, last_status: 204 });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS + 1);
    expect(new Set(receiver.received.map((r) => r.headers['x-gateway-delivery']))).toEqual(new Set([id]));
    // A delivered one is not redelivered.
    expect((await stack.rest('POST', webhook(`/deliveries/${id}/redeliver`))).status).toBe(409);
  });

  it('does not ask again after a 4xx other than 408 and 429', async () => {
    receiver.answer({ status: 410, reason: 'Gone' });
    const id = await sendTest();

    const dead = await ended(id);
    expect(dead).toMatchObject({ state: 'failed', attempts: 1, last_status: 410 });
    expect(dead.last_error).toMatch(/^HTTP 410 Gone: not retried/);
    await new Promise((r) => setTimeout(r, 4 * BASE_DELAY_MS));
    expect(receiver.received).toHaveLength(1);
  });

  it('signs retries with a secret rotated since the first attempt', async () => {
    receiver.answer({ status: 500 }, { status: 500 });
    const id = await sendTest();
    await receiver.waitForRequests(1);
    const rotated = await stack.rest<{ secret: string }>('PUT', webhook(), {
      url: receiver.url('/approvals'),
      rotate_secret: true,
    });
    const next = rotated.body.secret;
    expect(next).not.toBe(secret);

    expect(await ended(id)).toMatchObject({ state: 'completed' });
    const last = receiver.received[receiver.received.length - 1];
    expect(verifies(next, last)).toBe(true);
    expect(verifies(secret, last)).toBe(false);
    secret = next;
  });
});
