export * from './lib/queue-names';
export * from './lib/queue-backend';
