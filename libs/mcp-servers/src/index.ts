export * from './lib/served-server';
export * from './lib/mcp-server-loader';
