export * from './lib/audit-event.recorder';
export * from './lib/outcome';
export * from './lib/redaction';
export * from './lib/audit-append-span';
