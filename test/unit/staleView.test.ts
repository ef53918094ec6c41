// Offsets of an older analysis seen in the current text: outside the changed
// region every offset lands on the same character, whatever the edits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { inChange, newToOld, oldToNew, staleView, textDelta } from '../../server/src/analysis/staleView';

const chars = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', ':', '-', '😀', 'é');
const text = fc.array(chars, { maxLength: 60 }).map((xs) => xs.join(''));
/** Long enough for the search's binary steps (they start above 64 characters of common text). */
const longText = fc.tuple(text, fc.integer({ min: 2, max: 40 })).map(([t, n]) => `${'abc\n'.repeat(n)}${t}${'x: 1\n'.repeat(n)}`);

describe('stale view of an older analysis', () => {
  it('maps every offset outside the change to the same character', () => {
    fc.assert(fc.property(fc.oneof(text, longText), fc.array(fc.tuple(fc.nat(), fc.nat(8), text), { minLength: 1, maxLength: 4 }), (old, edits) => {
      let now = old;
      for (const [at, len, insert] of edits) {
        const s = at % (now.length + 1);
        now = now.slice(0, s) + insert + now.slice(Math.min(now.length, s + len));
      }
      const d = textDelta(old, now);
      assert.ok(d.start <= d.oldEnd && d.start <= d.newEnd && d.oldEnd <= old.length && d.newEnd <= now.length, JSON.stringify(d));
      assert.equal(old.slice(0, d.start) + now.slice(d.start, d.newEnd) + old.slice(d.oldEnd), now);
      for (let o = 0; o <= old.length; o++) {
        if (o >= d.start && o < d.oldEnd) continue;
        const n = oldToNew(d, o);
        assert.equal(now.charCodeAt(n), old.charCodeAt(o), `old ${o} → new ${n}`);
        assert.equal(newToOld(d, n), o);
        assert.equal(inChange(d, n), false);
      }
    }), { numRuns: 2000 });
  });

  it('gives positions in the current document for offsets of the old text', () => {
    const old = 'a: 1\nb: 2\nc: 3\n';
    const cur = TextDocument.create('file:///x', 'infra-yaml', 2, 'a: 1\nnew: line\nb: 2\nc: 3\n');
    const { doc } = staleView(cur, old);
    assert.equal(doc.getText(), old);
    assert.deepEqual(doc.positionAt(old.indexOf('c: 3')), { line: 3, character: 0 });
    assert.equal(doc.offsetAt({ line: 3, character: 0 }), old.indexOf('c: 3'));
  });
});
