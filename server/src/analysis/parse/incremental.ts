/**
 * Incremental re-parse. A design is a few top-level keys whose values are
 * maps of small entries (components, servers, dns…). When an edit stays inside
 * one such entry (or one top-level entry), only that entry's text is parsed
 * again, in a small window that reproduces its surroundings, and its pairs are
 * spliced into the previous tree; the nodes after it are moved by the length
 * difference. The result is the tree a full parse of the new text gives
 * (test/unit/incremental.test.ts checks this on thousands of random edits).
 *
 * Whenever the edit could change anything outside the entry — indentation
 * that joins or splits entries, comments between entries (the `yaml` library
 * attaches those to a neighbour), anchors, aliases and merge keys, block
 * scalars, tabs, document markers and directives, a syntax error before or
 * after — `reparse` returns `undefined` and the caller parses the whole text. A syntax error
 * inside the entry (a key typed without its colon yet) is kept with the entry when its neighbours
 * parse as they stand, so that typing a new entry is re-parsed entry by entry too.
 *
 * The previous tree is reused and changed in place: the previous `ParsedYaml`
 * must not be used once it was given to `reparse`.
 */
import { Document, isAlias, isMap, isPair, isScalar, LineCounter, Node, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import { lineStartOf } from '../lines';
import { moveNode, walk } from './nodes';
import { splitRunOnKeys } from './runOnKeys';
import { forgetAnchors, PARSE_OPTIONS, ParsedYaml, syntaxErrors } from './yamlDocument';

export interface Reparsed {
  readonly parsed: ParsedYaml;
  /** Entries parsed again (1 for an edit inside one entry). */
  readonly entries: number;
  /** Where the text changed (undefined: it did not). */
  readonly change?: Change;
  /** The previous tree's pairs the edit replaced (the new ones are in the tree in their place). */
  readonly replaced: readonly Pair[];
}

/** Where the text changed: old[start, oldEnd) became new[start, newEnd). */
export interface Change { readonly start: number; readonly oldEnd: number; readonly newEnd: number }

/** One entry's lines in the previous text, and what surrounds it. */
interface Chunk {
  /** The map holding the entry, the entry's index in it, and how many entries from there the chunk holds (1, or 2–3 widened). */
  readonly map: YAMLMap;
  readonly index: number;
  readonly count: number;
  readonly start: number;
  readonly end: number;
  /** Column of the entry's key. */
  readonly indent: number;
  /** Whether a sibling follows, or (level 2) a top-level key, or nothing (end of file). */
  readonly next: 'sibling' | 'top' | 'none';
  /** The blank lines before the entry's key (they stay as they are). */
  readonly leading: string;
  /** The blank text between the entry and what follows it. */
  readonly gap: string;
  /** Whether the key that follows has a blank line before it (it stays as it is). */
  readonly nextSpaced: boolean;
  /** Ancestor maps whose ranges enclose the entry (level 2: the root). */
  readonly ancestors: readonly YAMLMap[];
  /** Top-level index of the entry's owner (level 2), to move the top-level entries after it. */
  readonly top?: number;
}

/** Common prefix and suffix of the two texts: the one region that changed. */
export function changeBetween(a: string, b: string): Change | undefined {
  if (a === b) return undefined;
  const max = Math.min(a.length, b.length);
  // Binary searches over flat comparisons of halves (the engine compares a run of characters at
  // memory speed): about twenty comparisons, not one per character of a megabyte text.
  let p = 0;
  let hi = max;
  while (hi - p > 64) {
    const mid = (p + hi) >>> 1;
    if (a.slice(p, mid) === b.slice(p, mid)) p = mid;
    else hi = mid;
  }
  while (p < hi && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  let room = max - p;
  while (room - s > 64) {
    const mid = (s + room) >>> 1;
    if (a.slice(a.length - mid, a.length - s) === b.slice(b.length - mid, b.length - s)) s = mid;
    else room = mid;
  }
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** Parses `text` reusing `prev` when the edit stays inside one entry (re-parsed alone or with a neighbour); `undefined` means parse it whole. */
export function reparse(prev: ParsedYaml, text: string): Reparsed | undefined {
  if (!prev.spliceable) return undefined;
  const change = changeBetween(prev.text, text);
  if (!change) return { parsed: prev, entries: 0, replaced: [] };
  const root = prev.doc.contents as YAMLMap;
  // The entry the edit is in; else with the entry after it (a key typed without its colon yet reads
  // the next key's line as its own), before it (a blank line added after it) or both.
  for (const widen of WIDENINGS) {
    const chunk = chunkFor(prev.text, root, change, widen);
    if (!chunk) {
      if (widen === WIDENINGS[0]) return undefined;
      continue;
    }
    const parsed = reparseChunk(prev.text, text, chunk, change);
    const errors = parsed && splicedErrors(prev.errors, chunk, parsed.errors, text.length - prev.text.length);
    if (!parsed || !errors) continue;
    const replaced = chunk.map.items.slice(chunk.index, chunk.index + chunk.count) as Pair[];
    if (!splice(prev.doc, chunk, parsed, text.length - prev.text.length)) return undefined;
    forgetAnchors(prev.doc);
    return { parsed: { text, doc: prev.doc, lineCounter: lineCounterAfter(prev.lineCounter.lineStarts, text, change), errors, plain: errors.length === 0, spliceable: true }, entries: parsed.pairs.length, change, replaced };
  }
  return undefined;
}

/** How far a chunk reaches past the entry the edit is in: entries before it, entries after it. */
type Widening = readonly [before: number, after: number];
const WIDENINGS: readonly Widening[] = [[0, 0], [0, 1], [1, 0], [1, 1]];

type SyntaxError = ParsedYaml['errors'][number];

/**
 * The errors of the text after the edit: the previous ones before the entry as they were, those
 * after it moved by `delta`, the entry's own replaced by its window's. Undefined (parse it all) when a
 * previous error reaches over the entry's edge: it was not the entry's alone.
 */
function splicedErrors(prev: readonly SyntaxError[], chunk: Chunk, mine: readonly SyntaxError[], delta: number): SyntaxError[] | undefined {
  if (prev.length === 0) return mine as SyntaxError[];
  const before: SyntaxError[] = [];
  const after: SyntaxError[] = [];
  for (const e of prev) {
    const { start, end } = e.span;
    if (end <= chunk.start) before.push(e);
    else if (start >= chunk.end) after.push({ message: e.message, span: { start: start + delta, end: end + delta } });
    else if (start < chunk.start || end > chunk.end) return undefined;
  }
  return [...before, ...mine, ...after];
}

/** The entry to parse again: one of a top-level map (components, servers, dns…) or, for other values, the top-level entry. */
function chunkFor(text: string, root: YAMLMap, c: Change, widen: Widening): Chunk | undefined {
  const keys = root.items as Pair[];
  if (!keys.every((p) => isScalar(p.key) && (p.key as Node).range)) return undefined;
  const t = lastKeyAtOrBefore(keys, c.start);
  const owner = keys[t]!.value;
  if (isMap(owner) && !owner.flow && owner.items.length > 0) {
    if (c.start <= (keys[t]!.key as Node).range![2]) return undefined;
    const hasNext = t + 1 < keys.length;
    const limit = hasNext ? lineStartOf(text, (keys[t + 1]!.key as Node).range![0]) : text.length;
    const inner = chunkOf(text, owner, c, limit, hasNext ? 'top' : 'none', hasNext && spaced(keys[t + 1]!), widen);
    return inner && { ...inner, ancestors: [root], top: t };
  }
  return chunkOf(text, root, c, text.length, 'none', false, widen);
}

const spaced = (p: Pair): boolean => !!(p.key as Node).spaceBefore;

function lastKeyAtOrBefore(items: readonly Pair[], at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((items[mid]!.key as Node).range![0] <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

const blank = (s: string): boolean => /^[ \r\n]*$/.test(s);

/** Offset just past the line where entry `i` ends (its trailing comment lines included), or -1. */
function entryEnd(text: string, map: YAMLMap, i: number): number {
  const pair = map.items[i]!;
  const e = Math.max((pair.value as Node | null)?.range?.[2] ?? 0, (pair.key as Node).range![2]);
  if (e === 0 || text[e - 1] === '\n') return e;
  const nl = text.indexOf('\n', e);
  const end = nl < 0 ? text.length : nl + 1;
  return blank(text.slice(e, end)) ? end : -1;
}

/**
 * The entry of `map` whose lines hold the whole change, with the checks that make it safe to parse
 * alone. `limit`: where what follows the map starts (the next top-level key's line, or the end).
 */
function chunkOf(text: string, map: YAMLMap, c: Change, limit: number, after: 'top' | 'none', afterSpaced: boolean, widen: Widening): Chunk | undefined {
  const items = map.items as Pair[];
  if (!items.every((p) => isPair(p) && isScalar(p.key) && (p.key as Node).range)) return undefined;
  const keyAt = (i: number): number => (items[i]!.key as Node).range![0];
  let i = lastKeyAtOrBefore(items, c.start);
  let end = entryEnd(text, map, i);
  if (end < 0) return undefined;
  if (c.start >= end && i + 1 < items.length) {
    i++;
    end = entryEnd(text, map, i);
    if (end < 0) return undefined;
  }
  const first = i - widen[0];
  const last = i + widen[1];
  if (first < 0 || last >= items.length) return undefined;
  if (last > i) end = entryEnd(text, map, last);
  // The map's last entry takes the blank lines after it up to what follows the map: a line typed
  // after it, at the end of the file or before the next top-level key, is the entry's to re-parse.
  const final = last === items.length - 1;
  if (final && end >= 0 && blank(text.slice(end, limit))) end = Math.max(end, limit);
  i = first;
  const start = i === 0 ? lineStartOf(text, keyAt(0)) : entryEnd(text, map, i - 1);
  if (start < 0 || end < 0 || c.start < start || c.oldEnd > end || c.start > end || (c.start === end && !final)) return undefined;
  const keyLine = lineStartOf(text, keyAt(i));
  if (keyLine < start || !blank(text.slice(start, keyLine)) || !/^ *$/.test(text.slice(keyLine, keyAt(i)))) return undefined;
  // What follows the entry up to the next key must be blank: comments there belong to a neighbour.
  const nextKey = last + 1 < items.length ? lineStartOf(text, keyAt(last + 1)) : limit;
  if (nextKey < end || !blank(text.slice(end, nextKey))) return undefined;
  const sibling = last + 1 < items.length;
  return {
    map, index: i, count: last - i + 1, start, end, indent: keyAt(i) - keyLine, next: sibling ? 'sibling' : after,
    leading: text.slice(start, keyLine), gap: text.slice(end, nextKey), nextSpaced: sibling ? spaced(items[last + 1]!) : afterSpaced, ancestors: [],
  };
}

type Range = [number, number, number];

/** The entry's new pairs, and the ranges of the enclosing nodes whose end the entry decides (it is their last). */
interface Window {
  readonly pairs: Pair[];
  /** The entry's syntax errors (within its own text), in the new text's offsets. */
  readonly errors: SyntaxError[];
  readonly map?: Range;
  readonly root?: Range;
  readonly doc?: Range;
}

/** Parses the entry's new text in a window that reproduces its neighbours; undefined when unsure. */
function reparseChunk(oldText: string, text: string, chunk: Chunk, c: Change): Window | undefined {
  const body = text.slice(chunk.start, chunk.end + c.newEnd - c.oldEnd);
  const old = oldText.slice(chunk.start, chunk.end);
  if (!safeText(body) || !safeText(old)) return undefined;
  for (let k = chunk.index; k < chunk.index + chunk.count; k++) if (entangled(chunk.map.items[k] as Pair)) return undefined;
  if (body.length > 0 && !body.endsWith('\n') && chunk.next !== 'none') return undefined;
  if (chunk.index === 0 && hasSpaceOrComment(chunk.map.items[0] as Pair)) return undefined;
  const pad = ' '.repeat(chunk.indent);
  const level2 = chunk.top !== undefined;
  const prefix = (level2 ? '_:\n' : '') + (chunk.index > 0 ? `${pad}_:\n` : '');
  const suffix = chunk.next === 'sibling' ? `${pad}_:\n` : chunk.next === 'top' ? '_:\n' : '';
  const window = prefix + body + chunk.gap + suffix;
  const doc = parseDocument(window, PARSE_OPTIONS);
  splitRunOnKeys(doc, window);
  if (doc.warnings.length || doc.comment || doc.commentBefore) return undefined;
  const found = windowPairs(doc, level2, chunk, window, prefix.length);
  if (!found) return undefined;
  const shift = chunk.start - prefix.length;
  // An error is the entry's own when it lies in the entry's text and the neighbours around it parsed
  // as they stand (`windowPairs`): a key typed without its colon yet. Anything else: parse it all.
  const errors = syntaxErrors(doc.errors, shift);
  if (errors.some((e) => e.span.start < chunk.start || e.span.end > chunk.start + body.length)) return undefined;
  for (const p of found.pairs) moveNode(p, shift);
  const moved = (r: Range | null | undefined): Range | undefined => (r ? [r[0] + shift, r[1] + shift, r[2] + shift] : undefined);
  const last = chunk.next !== 'sibling';
  const end = chunk.next === 'none';
  return {
    pairs: found.pairs,
    errors,
    map: last ? moved(found.container.range) : undefined,
    root: level2 && end ? moved((doc.contents as YAMLMap).range) : undefined,
    doc: end ? moved(doc.range) : undefined,
  };
}

/** Text whose meaning may reach past the entry: tabs, document markers and directives. */
function safeText(s: string): boolean {
  return !s.includes('\t') && !/(^|\n)(---|\.\.\.|%)/.test(s);
}

/**
 * What ties an entry to the rest of the file: anchors and aliases, merge keys, and block
 * scalars (`|+` keeps the blank lines after it, which belong to the next entry's text).
 */
function entangled(pair: Pair): boolean {
  let found = false;
  walk(pair, (n) => {
    if (isAlias(n) || (n as { anchor?: string }).anchor) found = true;
    else if (isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED' || n.value === '<<')) found = true;
  });
  return found;
}

function hasSpaceOrComment(pair: Pair): boolean {
  const k = pair.key as Node;
  return !!(k.spaceBefore || k.commentBefore);
}

/** The entry's pairs out of the parsed window, when the window has exactly the expected shape. */
function windowPairs(doc: Document, level2: boolean, chunk: Chunk, window: string, bodyAt: number): { pairs: Pair[]; container: YAMLMap } | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.flow || root.comment || root.commentBefore) return undefined;
  let container: YAMLMap = root;
  let items = root.items as Pair[];
  if (level2) {
    const expected = chunk.next === 'top' ? 2 : 1;
    if (items.length !== expected || (expected === 2 && !isPlaceholder(items[1]!, chunk.nextSpaced))) return undefined;
    const inner = items[0]!.value;
    if (!isMap(inner) || inner.flow || inner.comment || inner.commentBefore || (items[0]!.key as Node).comment) return undefined;
    container = inner;
    items = inner.items as Pair[];
  }
  const first = chunk.index > 0 ? 1 : 0;
  const last = items.length - (chunk.next === 'sibling' || (!level2 && chunk.next === 'top') ? 1 : 0);
  if (first === 1 && !isPlaceholder(items[0]!, false)) return undefined;
  if (last < items.length && !isPlaceholder(items[last]!, chunk.nextSpaced)) return undefined;
  const pairs = items.slice(first, last);
  if (pairs.length === 0) return undefined;
  // The blank lines before the first key stay as they were: the `yaml` library may give them to the
  // entry before (a blank line after an empty value). The first key of a map starts where it did.
  const firstAt = (pairs[0]!.key as Node).range![0];
  const oldFirst = (chunk.map.items[chunk.index] as Pair).key as Node;
  if (window.slice(bodyAt, lineStartOf(window, firstAt)) !== chunk.leading || !!(pairs[0]!.key as Node).spaceBefore !== !!oldFirst.spaceBefore) return undefined;
  if (chunk.index === 0 && firstAt - bodyAt !== chunk.indent) return undefined;
  for (const p of pairs) {
    if (!isPair(p) || !isScalar(p.key) || !(p.key as Node).range || entangled(p)) return undefined;
    const at = (p.key as Node).range![0];
    if (at - lineStartOf(window, at) !== chunk.indent) return undefined;
  }
  return { pairs, container };
}

/** `_:` with nothing after it and no comment attached; a blank line before it as the key it stands for has. */
function isPlaceholder(p: Pair, spaceBefore: boolean): boolean {
  const k = p.key as Scalar;
  const v = p.value as Scalar | null;
  if (!isScalar(k) || k.value !== '_' || k.commentBefore || k.comment || !!k.spaceBefore !== spaceBefore) return false;
  return v === null || (isScalar(v) && v.value === null && v.source === '' && !v.comment && !v.commentBefore && !v.spaceBefore);
}

/** Replaces the entry's pair by the new ones and moves everything after it by `delta`; false (nothing changed) when unsure. */
function splice(doc: Document, chunk: Chunk, w: Window, delta: number): boolean {
  const keyAt = ((chunk.map.items[chunk.index] as Pair).key as Node).range![0];
  type Ranged = { range?: Range | null };
  const level2 = chunk.top !== undefined;
  const enclosing: [Ranged, Range | undefined][] = [[chunk.map, w.map]];
  if (level2) enclosing.push([chunk.ancestors[0]!, w.root]);
  enclosing.push([doc as unknown as Ranged, w.doc]);
  // An enclosing range that ends inside the entry without the entry deciding it: parse it all.
  for (const [n, decided] of enclosing) {
    if (!decided) for (const x of n.range ?? []) if (x > chunk.start && x < chunk.end && x !== keyAt) return false;
  }
  const items = chunk.map.items as Pair[];
  items.splice(chunk.index, chunk.count, ...w.pairs);
  for (let i = chunk.index + w.pairs.length; i < items.length; i++) moveNode(items[i]!, delta);
  if (level2) {
    const root = chunk.ancestors[0]!;
    for (let i = chunk.top! + 1; i < root.items.length; i++) moveNode(root.items[i] as Pair, delta);
  }
  for (const [n, decided] of enclosing) {
    const r = n.range;
    if (!r) continue;
    n.range = decided ? [r[0], decided[1], decided[2]] : (r.map((x) => (x >= chunk.end ? x + delta : x)) as Range);
  }
  return true;
}


/**
 * The line table of `text`, an edit of the text whose line starts are `starts`, updated in place:
 * the lines before the change are kept, those after it moved by the length difference, and only
 * the changed region is scanned. A new table per keystroke was 0.8 MB at 10,000 components (130,000
 * starts), which lived through the job, reached the worker's old space and grew its heap edit after
 * edit; the previous version's table goes with its tree, which is not used once re-parsed.
 */
function lineCounterAfter(starts: number[], text: string, c: Change): LineCounter {
  const delta = c.newEnd - c.oldEnd;
  // A line starts after a newline: those before the change stay, those after it move, those in it go.
  const keep = countAtMost(starts, c.start);
  const tail = countAtMost(starts, c.oldEnd);
  const added: number[] = [];
  for (let j = text.indexOf('\n', c.start); j !== -1 && j < c.newEnd; j = text.indexOf('\n', j + 1)) added.push(j + 1);
  if (added.length <= 4096) starts.splice(keep, tail - keep, ...added);
  else {
    // A large paste: too many arguments for one splice.
    const rest = starts.slice(tail);
    starts.length = keep;
    for (const s of added) starts.push(s);
    for (const s of rest) starts.push(s);
  }
  if (delta !== 0) for (let i = keep + added.length; i < starts.length; i++) starts[i]! += delta;
  const lc = new LineCounter();
  lc.lineStarts = starts;
  return lc;
}

/** How many of the ascending `values` are at most `x`. */
function countAtMost(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}
