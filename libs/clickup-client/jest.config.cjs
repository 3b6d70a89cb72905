module.exports = { ...require('../../jest.preset.cjs'), displayName: 'clickup-client', rootDir: __dirname };
