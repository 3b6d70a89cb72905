import { appendAuditRecords, checkpointSigner, CheckpointStore } from '@gw/audit-chain';
import { auditRecordOf } from '@gw/audit-recorder';
import { OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CheckpointStatusService } from './checkpoint-status.service';

const MINUTE = 60_000;
const signer = checkpointSigner(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

describe.each(DATABASE_TARGETS)('checkpoint status on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let service: CheckpointStatusService;

  beforeAll(async () => {
    target = await open('gw_checkpoint_status');
    dataSource = await migratedDataSource(target.url, 'checkpoint-status-test');
    service = new CheckpointStatusService(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  async function organizationWithEvents(count: number): Promise<string> {
    const id = randomUUID();
    await dataSource.getRepository(OrganizationEntity).insert({ id, name: `Org ${id.slice(0, 6)}` });
    await dataSource.transaction((tx) =>
      appendAuditRecords(
        tx,
        Array.from({ length: count }, () =>
          auditRecordOf({
            organizationId: id,
            actor: 'mcp:s1',
            action: 'tools/call',
            tool: 'task_get',
            outcome: 'ok',
          }),
        ),
      ),
    );
    return id;
  }

  async function sign(organizationId: string, seq: number): Promise<void> {
    const [row] = await dataSource.query(
      'SELECT hash FROM audit_events WHERE organization_id = $1 AND seq = $2',
      [organizationId, seq],
    );
    await new CheckpointStore(dataSource).insert(
      signer.sign({
        organization_id: organizationId,
        seq,
        hash: row.hash,
        created_at: new Date().toISOString(),
        every_events: 1000,
        every_minutes: 10,
      }),
    );
  }

  const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

  it('says checkpoints are off when events wait and none was ever signed, pending while the first is due', async () => {
    const org = await organizationWithEvents(3);
    await expect(service.status(org)).resolves.toMatchObject({
      state: 'pending',
      head_seq: 3,
      uncovered_events: 3,
      latest: null,
    });
    const off = await service.status(org, later(30));
    expect(off).toMatchObject({ state: 'off', latest: null, recent: [] });
    expect(off.message).toMatch(/^Checkpoints are off: .*Set AUDIT_SIGNING_KEY on the worker/);
  });

  it('shows the newest checkpoint, and says when checkpoints stopped', async () => {
    const org = await organizationWithEvents(5);
    await sign(org, 5);
    const current = await service.status(org, later(30));
    expect(current).toMatchObject({
      state: 'current',
      head_seq: 5,
      uncovered_events: 0,
      latest: { seq: 5, key_id: signer.keyId, every_minutes: 10 },
      message: `Signed up to seq 5 with key ${signer.keyId}.`,
    });
    expect(current.recent).toHaveLength(1);

    await dataSource.transaction((tx) =>
      appendAuditRecords(tx, [
        auditRecordOf({ organizationId: org, actor: 'user:u', action: 'settings.update', outcome: 'ok' }),
      ]),
    );
    await expect(service.status(org, later(5))).resolves.toMatchObject({
      state: 'current',
      uncovered_events: 1,
    });
    const overdue = await service.status(org, later(16));
    expect(overdue).toMatchObject({ state: 'overdue', uncovered_events: 1 });
    expect(overdue.message).toBe(
      'Checkpoints stopped: 1 events since seq 5 waited longer than the 10 minutes promised. Is the worker running with AUDIT_SIGNING_KEY?',
    );
  });
});
