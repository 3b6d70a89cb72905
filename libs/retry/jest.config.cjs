module.exports = { ...require('../../jest.preset.cjs'), displayName: 'retry', rootDir: __dirname };
