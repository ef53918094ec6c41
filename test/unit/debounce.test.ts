// The pause before an edit's analysis (server/src/features/diagnostics.ts): the shortest after a
// cheap edit, else a quarter of the last edit's analysis, within bounds; the shortest before any
// edit was measured (the open's whole-file analysis is not an edit's, and must not make the first
// keystroke wait the longest pause).
import * as assert from 'node:assert/strict';
import { CHEAP_EDIT_MS, debounceFor, DEBOUNCE_MAX_MS, DEBOUNCE_MIN_MS } from '../../server/src/features/diagnostics';

describe('typing pause', () => {
  it('is the shortest before the first edit is measured and after a cheap edit, a quarter of the last edit after a costly one, within bounds', () => {
    assert.equal(debounceFor(undefined), DEBOUNCE_MIN_MS);
    assert.equal(debounceFor(2), DEBOUNCE_MIN_MS);
    assert.equal(debounceFor(CHEAP_EDIT_MS), DEBOUNCE_MIN_MS);
    assert.equal(debounceFor(120), 30);
    assert.equal(debounceFor(1600), DEBOUNCE_MAX_MS);
  });
});
