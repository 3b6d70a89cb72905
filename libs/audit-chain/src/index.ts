export * from './lib/canonical-json';
export * from './lib/audit-record';
export * from './lib/verify-chain';
export * from './lib/append-records';
export * from './lib/chain-appender';
