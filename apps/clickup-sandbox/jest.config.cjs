module.exports = { ...require('../../jest.preset.cjs'), displayName: 'clickup-sandbox', rootDir: __dirname };
