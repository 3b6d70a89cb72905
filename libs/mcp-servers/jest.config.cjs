module.exports = { ...require('../../jest.preset.cjs'), displayName: 'mcp-servers', rootDir: __dirname };
