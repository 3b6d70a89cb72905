module.exports = { ...require('../../jest.preset.cjs'), displayName: 'audit-chain', rootDir: __dirname };
