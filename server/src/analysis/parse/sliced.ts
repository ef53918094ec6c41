/**
 * A whole-file parse built from slices. The `yaml` library's `parseDocument` holds the whole
 * file's syntax tree (CST) while it composes the document, so at 10,000 components a parse of
 * 2.26 MB keeps ~125 MB of garbage alive long enough for V8 to promote it, and the worker's
 * heap stays committed at its peak. A design is a few top-level maps of small entries, so the
 * text is cut between entries of those maps into slices of about `sliceSize` characters; each
 * slice is parsed alone, in a window that reproduces its surroundings (as the incremental
 * re-parse does for one entry, ./incremental.ts), and its nodes are moved into one tree. Only
 * one slice's CST and garbage are alive at a time, and they die young.
 *
 * The tree is the one `parseDocument` gives (test/unit/slicedParse.test.ts checks ranges,
 * values, comments and the line table over generated designs, the examples and the YAML test
 * suite). A cut is made only before a key at the map's indentation whose previous line is the
 * previous entry's content (no blank line, no comment line: the library gives those to a
 * neighbour). Whenever anything could reach across a cut — tabs, document markers and
 * directives, anchors, aliases and merge keys, an error or a warning in any slice, a window
 * that does not have the expected shape — `parseSliced` returns `undefined` and the caller
 * parses the whole text.
 */
import { Document, isAlias, isMap, isPair, isScalar, Node, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import { moveNode, walk } from './nodes';

export interface SliceOptions {
  /** Characters per slice (a slice ends at the first cut after this many). */
  readonly sliceSize: number;
}

export const DEFAULT_SLICE_SIZE = 64 * 1024;

/** How whole-file parses were made since the start (tests read it to see the path taken). */
export const sliceCounts = { sliced: 0, fellBack: 0 };

/** One cut: the text from `at` on starts with a key at column `indent` of a top-level map's entries. */
interface Cut { readonly at: number; readonly indent: number }

/**
 * The cuts of `text`, about `size` characters apart: line starts of a key at the indentation of
 * the entries of a top-level block map, right after a line of the previous entry's content.
 */
export function cutsOf(text: string, size: number): Cut[] {
  const cuts: Cut[] = [];
  let entryIndent = -1; // the indentation of the current top-level map's entries (-1: none, 0: not known yet)
  let prevIndent = -1; // the previous line's indentation when it was content (-1: blank, comment or top-level)
  let last = 0;
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    let i = at;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text[i];
    const blankOrComment = i >= end || c === '\n' || c === '\r' || c === '#';
    if (blankOrComment) prevIndent = -1;
    else if (i === at) {
      // A top-level line: a key with nothing after the colon opens a block value.
      entryIndent = /^[A-Za-z_][\w-]*:[ ]*\r?\n?$/.test(text.slice(at, end)) ? 0 : -1;
      prevIndent = -1;
    } else {
      const indent = i - at;
      if (entryIndent === 0) entryIndent = indent;
      if (indent === entryIndent && prevIndent > indent && at - last >= size && /[A-Za-z0-9_]/.test(c!)) {
        cuts.push({ at, indent });
        last = at;
      }
      prevIndent = indent;
    }
    at = end;
  }
  return cuts;
}

/** Text whose meaning may reach across a cut: tabs, document markers and directives. */
function sliceable(text: string): boolean {
  return !text.includes('\t') && !/(^|\n)(---|\.\.\.|%)/.test(text);
}

/**
 * The document `parseDocument(text, options)` gives, parsed in slices; `undefined` when the
 * text has fewer than two slices or anything may reach across a cut (parse it whole then).
 * `share` is called on each slice's pairs before the next slice is parsed.
 */
export function parseSliced(text: string, options: object, opts: SliceOptions, share?: (pairs: readonly Pair[]) => void): Document.Parsed | undefined {
  if (!sliceable(text)) return undefined;
  const cuts = cutsOf(text, opts.sliceSize);
  if (cuts.length === 0 || text.length - cuts[cuts.length - 1]!.at < opts.sliceSize / 4) cuts.pop();
  if (cuts.length === 0) return undefined;
  const doc = assemble(text, cuts, options, share);
  if (doc) sliceCounts.sliced++;
  else sliceCounts.fellBack++;
  return doc;
}

function assemble(text: string, cuts: readonly Cut[], options: object, share?: (pairs: readonly Pair[]) => void): Document.Parsed | undefined {
  let doc: Document.Parsed | undefined;
  let root: YAMLMap | undefined;
  /** The top-level map whose entries the last slice ended in. */
  let open: YAMLMap | undefined;
  for (let s = 0; s <= cuts.length; s++) {
    const from = s === 0 ? 0 : cuts[s - 1]!.at;
    const to = s === cuts.length ? text.length : cuts[s]!.at;
    const first = s === 0;
    const last = s === cuts.length;
    const prefix = first ? '' : `_:\n${' '.repeat(cuts[s - 1]!.indent)}_:\n`;
    const suffix = last ? '' : `${' '.repeat(cuts[s]!.indent)}_:\n`;
    const body = text.slice(from, to);
    // Without `&`, `*` or `<<` a slice can hold no anchor, alias or merge key: skip looking for them.
    const own = !/[&*]|<</.test(body);
    const part = parseDocument(prefix + body + suffix, options);
    const top = part.contents;
    if (part.errors.length || part.warnings.length || !isMap(top) || top.flow || top.comment || top.commentBefore) return undefined;
    if ((!first && part.commentBefore) || (!last && part.comment)) return undefined;
    const shift = from - prefix.length;
    const items = top.items as Pair[];
    let moved: Pair[];
    if (first) {
      doc = part;
      root = top;
      moved = items;
    } else {
      // The window's first top-level pair stands for the map the previous slice ended in.
      const cont = items[0]!;
      const map = cont.value;
      if (!isPlaceholderKey(cont.key, false) || !isMap(map) || map.flow || map.comment || map.commentBefore || map.items.length < 2) return undefined;
      if (!isPlaceholder(map.items[0] as Pair)) return undefined;
      const entries = (map.items as Pair[]).slice(1);
      const k = entries[0]!.key as Node;
      if (!isScalar(k) || k.spaceBefore || k.commentBefore) return undefined;
      moved = items.slice(1);
      // The continued map ends in this slice when more follows it here, or nothing follows at all.
      if (moved.length > 0 || last) {
        const r = map.range!;
        open!.range = [open!.range![0], r[1] + shift, r[2] + shift];
      }
      if (!own) for (const e of entries) if (!ownPair(e)) return undefined;
      for (const e of entries) moveNode(e, shift);
      if (moved.length === 0 && !last) {
        for (const e of entries) open!.items.push(e);
        if (!dropTrailingPlaceholder(open!, entries)) return undefined;
        share?.(entries);
        continue;
      }
      for (const e of entries) open!.items.push(e);
      share?.(entries);
    }
    for (const p of moved) if (!isPair(p) || !isScalar(p.key) || (!own && !ownPair(p))) return undefined;
    for (const p of moved) moveNode(p, shift);
    if (!first) for (const p of moved) root!.items.push(p);
    if (!last) {
      const value = moved.length > 0 ? moved[moved.length - 1]!.value : undefined;
      if (!isMap(value) || value.flow) return undefined;
      open = value;
      if (!dropTrailingPlaceholder(open, open.items as Pair[])) return undefined;
    } else {
      const r = top.range!;
      root!.range = [root!.range![0], r[1] + shift, r[2] + shift];
      const d = part.range;
      doc!.range = [doc!.range[0], d[1] + shift, d[2] + shift];
      doc!.comment = part.comment;
    }
    share?.(moved);
  }
  return doc;
}

/** Removes the suffix's `_:` from the end of `map` (it is the last of `items`, which end the map). */
function dropTrailingPlaceholder(map: YAMLMap, items: readonly Pair[]): boolean {
  const p = items[items.length - 1];
  if (!p || !isPlaceholder(p) || map.items[map.items.length - 1] !== p) return false;
  map.items.pop();
  return map.items.length > 0;
}

function isPlaceholderKey(k: unknown, spaceBefore: boolean): boolean {
  const s = k as Scalar;
  return isScalar(s) && s.value === '_' && s.type === 'PLAIN' && !s.commentBefore && !s.comment && !!s.spaceBefore === spaceBefore;
}

/** `_:` with nothing after it and no comment attached. */
function isPlaceholder(p: Pair): boolean {
  const v = p.value as Scalar | null;
  if (!isPair(p) || !isPlaceholderKey(p.key, false)) return false;
  return v === null || (isScalar(v) && v.value === null && v.source === '' && !v.comment && !v.commentBefore && !v.spaceBefore);
}

/** A pair with nothing tied to the rest of the file: no anchors, aliases or merge keys. */
function ownPair(pair: Pair): boolean {
  let own = true;
  walk(pair, (n) => {
    if (isAlias(n) || (n as { anchor?: string }).anchor || !n.range) own = false;
    else if (isScalar(n) && n.value === '<<') own = false;
  });
  return own;
}
