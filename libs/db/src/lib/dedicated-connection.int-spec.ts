import { createTestDatabase, cutOffDatabase, restoreDatabase, type TestDatabase } from '@gw/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { DedicatedConnection } from './dedicated-connection';

describe('a dedicated connection (the audit writer’s) across a database outage on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('gw_dedicated');
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'dedicated-connection-test' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('works again once the database is back, also after failing to reconnect while it was away', async () => {
    const connection = new DedicatedConnection(dataSource);
    const one = () => connection.execute('one', 'SELECT 1 AS n', []);
    expect(await one()).toEqual([{ n: 1 }]);

    await cutOffDatabase(db.name);
    try {
      // The first call finds its connection terminated, the next cannot open one.
      await expect(one()).rejects.toThrow();
      await expect(one()).rejects.toThrow();
      await expect(connection.query('SELECT 1')).rejects.toThrow();
    } finally {
      await restoreDatabase(db.name);
    }

    expect(await one()).toEqual([{ n: 1 }]);
    expect(await connection.query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
    await connection.release();
  });
});
