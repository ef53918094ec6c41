/**
 * Incremental text sync that cannot diverge. `TextDocument.update` trusts
 * the range it is given: a range past the end of the document (VS Code never
 * sends one, other clients may) corrupts its line table, and from then on
 * every edit lands at the wrong offset. Each change is clamped first, against
 * the text as the changes before it in the same notification left it: lines
 * past the end go to the end of the document, characters past the end of a
 * line to the end of that line (as LSP says), negative numbers to 0, and a
 * reversed range is put in order.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** A position moved into the document: a line that exists, a character within it (before its line break). */
export function clampPosition(doc: TextDocument, p: Position): Position {
  const lines = doc.lineCount;
  const line = Math.floor(Number.isFinite(p.line) ? p.line : 0);
  if (line >= lines) return doc.positionAt(doc.getText().length);
  const l = Math.max(0, line);
  const start = doc.offsetAt({ line: l, character: 0 });
  const next = l + 1 < lines ? doc.offsetAt({ line: l + 1, character: 0 }) : doc.getText().length;
  const text = doc.getText().slice(start, next);
  const length = text.replace(/\r?\n$|\r$/, '').length;
  const character = Math.floor(Number.isFinite(p.character) ? p.character : 0);
  return { line: l, character: Math.min(Math.max(0, character), length) };
}

export function clampRange(doc: TextDocument, r: Range): Range {
  const a = clampPosition(doc, r.start);
  const b = clampPosition(doc, r.end);
  return doc.offsetAt(a) <= doc.offsetAt(b) ? { start: a, end: b } : { start: b, end: a };
}

/** Applies each change clamped against the text the changes before it left; `applied` sees each as applied. */
function applyClamped(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number, applied: (c: TextDocumentContentChangeEvent) => void): TextDocument {
  let d = doc;
  for (const c of changes) {
    const change = 'range' in c && c.range ? { range: clampRange(d, c.range), text: String(c.text) } : { text: String(c.text) };
    applied(change);
    d = TextDocument.update(d, [change], version);
  }
  return d;
}

/** The `TextDocuments` configuration the server uses: `TextDocument` with clamped changes. */
export const ClampedTextDocument = {
  create: TextDocument.create,
  update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    return applyClamped(doc, changes, version, () => undefined);
  },
};

/** What another thread needs to keep a copy of the open documents: each open, each change as applied, each close. */
export interface DocumentMirror {
  open(uri: string, languageId: string, version: number, text: string): void;
  /** The changes after clamping, in order: applied to the same text, they give the same text. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
}

/** ClampedTextDocument that also tells `mirror` each open and each change it applies. */
export function mirrored(mirror: DocumentMirror): typeof ClampedTextDocument {
  return {
    create(uri, languageId, version, content) {
      mirror.open(uri, languageId, version, content);
      return TextDocument.create(uri, languageId, version, content);
    },
    update(doc, changes, version) {
      const applied: TextDocumentContentChangeEvent[] = [];
      const d = applyClamped(doc, changes, version, (c) => applied.push(c));
      mirror.change(doc.uri, version, applied);
      return d;
    },
  };
}
