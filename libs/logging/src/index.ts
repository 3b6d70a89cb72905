export * from './lib/log-format';
