export * from './lib/served-server';
export * from './lib/mcp-server-loader';
export * from './lib/caller-account';
export * from './lib/caller-account-loader';
export * from './lib/pauses/active-pause';
export * from './lib/pauses/pause-loader';
