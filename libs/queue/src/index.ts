export * from './lib/queue-names';
export * from './lib/queue-backend';
export * from './lib/tool-call-job';
export * from './lib/tool-call-cancel';
export * from './lib/approval-binding';
export * from './lib/approval-notification-job';
export * from './lib/call-origin-audit';
export * from './lib/queue-timeout';
