module.exports = { ...require('../../jest.preset.cjs'), displayName: 'audit-recorder', rootDir: __dirname };
