export * from './lib/tokens';
export * from './lib/passwords';
export * from './lib/secret-box';
export * from './lib/encryption-key';
export * from './lib/connection-credential';
export * from './lib/approval-webhook';
export * from './lib/audit-sink';
