import { createHash } from 'node:crypto';

/**
 * Deterministic id generators: counters, reset with the store, formatted the way ClickUp's ids look
 * (numeric strings for the hierarchy, short base-36 task ids, UUIDs for fields, goals and checklists).
 */
export class IdGen {
  private readonly counters = new Map<string, number>();

  private next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  workspace(): string {
    return String(9011000000 + this.next('workspace'));
  }
  space(): string {
    return String(90120000000 + this.next('space'));
  }
  folder(): string {
    return String(90130000000 + this.next('folder'));
  }
  list(): string {
    return String(901400000000 + this.next('list'));
  }
  user(): number {
    return 81000000 + this.next('user');
  }
  task(): string {
    return `86${(1_700_000_000 + this.next('task') * 7919).toString(36)}`;
  }
  comment(): string {
    return String(90000000000 + this.next('comment'));
  }
  hist(): string {
    return String(26000000000 + this.next('hist'));
  }
  timeEntry(): string {
    return String(4000000000000000000n + BigInt(this.next('time-entry')) * 7919n);
  }
  goalPretty(): string {
    return String(this.next('goal-pretty'));
  }
  doc(workspaceId: string): string {
    return `8c${Number(workspaceId).toString(36).slice(-5)}-${1000 + this.next('doc') * 20}`;
  }
  page(docId: string): string {
    return `${docId.split('-')[0]}-${50000 + this.next('page')}`;
  }
  chatChannel(workspaceId: string): string {
    return `${Number(workspaceId).toString(36).slice(-7)}-${1000 + this.next('chat-channel') * 40}`;
  }
  chatMessage(): string {
    return String(80150000000000 + this.next('chat-message') * 13);
  }
  status(spaceId: string): string {
    return `p${spaceId}_${uuidFor('status', this.next('status')).slice(0, 8)}`;
  }
  /** UUIDs for fields, options, checklists, items, goals, key results, links. */
  uuid(kind: string): string {
    return uuidFor(kind, this.next(`uuid:${kind}`));
  }
}

function uuidFor(kind: string, n: number): string {
  const h = createHash('sha1').update(`${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
