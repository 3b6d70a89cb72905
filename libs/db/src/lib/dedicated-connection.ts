import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/** The part of a `pg` client a named statement needs. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface SqlQuery {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * One connection of a pool kept by one user that runs its statements one at a time (the audit writer), so that a
 * statement it runs on every call is parsed and planned once: `execute` runs it by name. A connection the database
 * closed is replaced on the next call.
 *
 * Names are drawn per connection: embedded PGlite serves every client from one shared session, where a second
 * connection preparing the same name would be refused.
 */
export class DedicatedConnection {
  private runner?: QueryRunner;
  private names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async query(sql: string, params?: unknown[]): Promise<unknown> {
    return (await this.connected()).query(sql, params);
  }

  /** Runs `sql` as this connection's prepared statement `name`, and returns its rows. */
  async execute(name: string, sql: string, params: unknown[]): Promise<unknown[]> {
    const runner = await this.connected();
    const client = (await runner.connect()) as PgClient;
    let prepared = this.names.get(name);
    if (!prepared) {
      prepared = `${name}_${randomBytes(6).toString('hex')}`;
      this.names.set(name, prepared);
    }
    const result = await client.query({ name: prepared, text: sql, values: params });
    return result.rows;
  }

  async transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> {
    const runner = await this.connected();
    await runner.startTransaction();
    try {
      const result = await work({ query: (sql, params) => runner.query(sql, params) });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is in no known state: the next call takes another.
      await runner.rollbackTransaction().catch(() => this.release());
      throw error;
    }
  }

  /** Gives the connection back to the pool; a later call takes another. */
  async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner && !runner.isReleased) await runner.release();
  }

  /**
   * The current connection, connected. A query runner keeps the failure of its first connect for good, so one that
   * could not connect (the database was unreachable at that moment) is dropped, and the next call tries another.
   */
  private async connected(): Promise<QueryRunner> {
    const runner = this.current();
    try {
      await runner.connect();
    } catch (error) {
      if (this.runner === runner) this.runner = undefined;
      await runner.release().catch(() => undefined);
      throw error;
    }
    return runner;
  }

  private current(): QueryRunner {
    if (!this.runner || this.runner.isReleased) {
      // A new connection has none of the old one's prepared statements.
      this.runner = this.dataSource.createQueryRunner();
      this.names = new Map();
    }
    return this.runner;
  }
}
