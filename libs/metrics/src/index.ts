export * from './lib/gateway-metrics';
export * from './lib/queue-gauges';
export * from './lib/metrics-server';
export * from './lib/exposition';
