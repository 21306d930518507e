// solidity-coverage: mocks and bench references are test-only and not measured.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "lcov"],
  mocha: { timeout: 300000 },
};
