// Incremental sync: whatever ranges a client sends (past the end of the
// document, past the end of a line, negative, reversed, several per
// notification, over CRLF and surrogate pairs), the server's text stays equal
// to the client's, and its line table stays right. The reference client below
// applies the LSP rule directly on a string: lines past the end mean the end
// of the document, characters past a line's end mean the end of that line.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument } from '../../server/src/features/textSync';

interface P { line: number; character: number }
interface Change { range?: { start: P; end: P }; text: string }

/** Line starts and content lengths (without the line break), as a client sees them. */
function lineTable(text: string): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start, length: m.index - start });
    start = m.index + m[0].length;
  }
  out.push({ start, length: text.length - start });
  return out;
}

function referenceOffset(text: string, p: P): number {
  const lines = lineTable(text);
  if (p.line >= lines.length) return text.length;
  const l = lines[Math.max(0, p.line)]!;
  return l.start + Math.min(Math.max(0, p.character), l.length);
}

function referenceApply(text: string, changes: Change[]): string {
  for (const c of changes) {
    if (!c.range) { text = c.text; continue; }
    const a = referenceOffset(text, c.range.start);
    const b = referenceOffset(text, c.range.end);
    text = text.slice(0, Math.min(a, b)) + c.text + text.slice(Math.max(a, b));
  }
  return text;
}

const piece = fc.constantFrom('a', 'web', ' ', ':', '\n', '\r\n', '\r', '😀', '\ud83d', 'é', '  to: [a, b]\n', '');
const textArb = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));
const pos = fc.record({ line: fc.integer({ min: -2, max: 12 }), character: fc.integer({ min: -2, max: 30 }) });
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: pos, end: pos }), text: textArb }) },
  { weight: 1, arbitrary: fc.record({ text: textArb }) },
);

describe('incremental text sync', function () {
  this.timeout(60_000);

  it('a range past the end of the document appends at the end and leaves the line table right', () => {
    let d = ClampedTextDocument.create('file:///a', 'infra-yaml', 1, 'ab\ncd\n');
    d = ClampedTextDocument.update(d, [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: 'zz\n' }], 2);
    assert.equal(d.getText(), 'ab\ncd\nzz\n');
    assert.equal(d.lineCount, 4);
    d = ClampedTextDocument.update(d, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'end' }], 3);
    assert.equal(d.getText(), 'ab\ncd\nzz\nend');
  });

  it('random incremental edits (CRLF, surrogate pairs, several per notification) keep server and client equal', () => {
    fc.assert(fc.property(textArb, fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (initial, notifications) => {
      let client = initial;
      let server = ClampedTextDocument.create('file:///p', 'infra-yaml', 1, initial);
      notifications.forEach((changes, i) => {
        client = referenceApply(client, changes);
        server = ClampedTextDocument.update(server, changes, i + 2);
        assert.equal(server.getText(), client);
        const fresh = TextDocument.create('file:///q', 'infra-yaml', 1, client);
        assert.equal(server.lineCount, fresh.lineCount);
        for (let line = 0; line < fresh.lineCount; line++) assert.equal(server.offsetAt({ line, character: 0 }), fresh.offsetAt({ line, character: 0 }));
      });
    }), { numRuns: 3000, seed: 0x5eed12 });
  });
});
