export * from './lib/entities';
export * from './lib/data-source';
export * from './lib/migrate';
export * from './lib/embedded-postgres';
export * from './lib/embedded-postgres-process';
export * from './lib/resolve-database';
export * from './lib/database-location';
export * from './lib/migrations';
