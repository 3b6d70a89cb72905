export * from './lib/tokens';
export * from './lib/passwords';
export * from './lib/secret-box';
