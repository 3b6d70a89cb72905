const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'dashboard',
  rootDir: __dirname,
  moduleNameMapper: { ...preset.moduleNameMapper, '^@/(.*)$': '<rootDir>/src/$1' },
};
