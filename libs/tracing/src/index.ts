export * from './lib/spans';
export * from './lib/trace-context';
export * from './lib/tracing-sdk';
