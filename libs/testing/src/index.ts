export * from './lib/test-database';
export * from './lib/free-port';
export * from './lib/app-process';
export * from './lib/wait-for';
export * from './lib/metadata-host';
export * from './lib/oidc-idp';
export * from './lib/webhook-receiver';
export * from './lib/otlp-receiver';
