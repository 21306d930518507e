// solidity-coverage: mocks and bench references are test-only and not measured.
// The canary tests (a suite run against a known-bad mock, to prove it can fail) are left out under coverage: they
// exercise mocks, which are not measured, and `npm test` runs every one of them.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "lcov"],
  mocha: { timeout: 300000, grep: "canary", invert: true },
};
