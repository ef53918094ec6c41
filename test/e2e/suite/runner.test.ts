import * as assert from 'assert';

// Proves the runners can fail: with E2E_FAIL=1 (scripts/run-e2e.mjs --fail) this test exists and fails,
// and the run must exit non-zero. Without it the test is not even defined.
if (process.env.E2E_FAIL === '1') {
  suite('Runner self-check', () => {
    test('fails on purpose because E2E_FAIL=1', () => {
      assert.fail('deliberate failure (E2E_FAIL=1): the runner must exit non-zero');
    });
  });
}
