/**
 * Parsing with the `yaml` library, and the few helpers the model builder needs
 * to walk its tree: scalars, maps with `<<` merges, and aliases resolved with
 * a budget so that alias bombs and cycles cannot make us hang.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, Scalar, visit, YAMLMap } from 'yaml';
import type { Span } from '../model/types';
import { splitRunOnKeys } from './runOnKeys';
import { DEFAULT_SLICE_SIZE, parseSliced } from './sliced';

export interface ParsedYaml {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly errors: readonly { readonly message: string; readonly span: Span }[];
  /** One document without directives, markers, errors or warnings, whose root is a block map. */
  readonly plain: boolean;
  /**
   * What the incremental re-parse (./incremental.ts) can start from: a plain document, or one the
   * re-parse made from one whose errors it found within single entries (an entry being typed).
   */
  readonly spliceable: boolean;
}

/** The options of every parse, the incremental re-parse's windows included. */
export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, strict: true } as const;

/**
 * Parses one design. `uniqueKeys: false` keeps parsing linear; duplicates are
 * our own rule. `strict: true` rejects what the YAML spec requires rejecting
 * even where the meaning is clear: a comment glued to a value
 * (`key: "value"# comment`), a multi-line implicit key in a flow sequence.
 */
export function parseYaml(text: string, sliceSize = DEFAULT_SLICE_SIZE): ParsedYaml {
  const seen = new Map<string, string>();
  const sliced = text.length >= 2 * sliceSize ? parseSliced(text, PARSE_OPTIONS, { sliceSize }, (pairs) => { for (const p of pairs) shareStrings(p, seen); }) : undefined;
  if (sliced) return { text, doc: sliced, lineCounter: lineCounterOf(text), errors: [], plain: true, spliceable: true };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  splitRunOnKeys(doc, text);
  shareStrings(doc.contents, seen);
  const errors = syntaxErrors(doc.errors, 0);
  const root = doc.contents;
  const plain = errors.length === 0 && doc.warnings.length === 0 && isMap(root) && !root.flow && !/^(?:---|\.\.\.|%)/m.test(text);
  return { text, doc, lineCounter, errors, plain, spliceable: plain };
}

/** A parse's errors as spans of the text (moved by `shift`), in the order of the text: the incremental re-parse splices them so. */
export function syntaxErrors(errors: readonly { readonly message: string; readonly pos: readonly [number, number] }[], shift: number): { message: string; span: Span }[] {
  const out = errors.map((e) => ({ message: firstLine(e.message), span: { start: e.pos[0] + shift, end: Math.max(e.pos[1], e.pos[0] + 1) + shift } }));
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Makes equal scalars share one string. The parser copies each scalar's text out of the source
 * (V8 copies slices shorter than 13 characters), so the 10,000 `kind:` keys of a large design are
 * 10,000 strings: at 10,000 components about 200,000 strings of which 23,000 differ, 7.7 MB of the
 * 47 MB a parse keeps. Both threads keep a parse, and the model refers to the same strings.
 */
function shareStrings(node: unknown, seen: Map<string, string>): void {
  const share = (n: unknown): void => {
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v !== 'string') return;
      const shared = seen.get(v);
      if (shared === undefined) seen.set(v, v);
      else {
        if (n.source === v) n.source = shared;
        n.value = shared;
      }
    } else if (isPair(n)) {
      share(n.key);
      share(n.value);
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items) share(item);
    }
  };
  share(node);
}

/** The line table `parseDocument` makes with a `LineCounter`: the start of each line after a newline. */
function lineCounterOf(text: string): LineCounter {
  const starts = [0];
  for (let j = text.indexOf('\n'); j !== -1; j = text.indexOf('\n', j + 1)) starts.push(j + 1);
  const lc = new LineCounter();
  lc.lineStarts = starts;
  return lc;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

export function spanOf(node: { range?: [number, number, number] | null } | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** A node reached through the tree, with the span findings about it should use. */
export interface Located {
  readonly node: Node | null;
  /** Set when the node was reached through an alias or merge: findings go there. */
  readonly at?: Span;
}

/**
 * Follows an alias to its anchored node. Aliases are expanded only where the
 * schema walk asks (a bounded depth), so nested alias bombs cost nothing.
 */
export function deref(doc: Document, node: unknown, at?: Span): Located {
  if (isAlias(node)) {
    const target = anchorsOf(doc).resolve(node as Alias);
    const here = at ?? spanOf(node as Alias, { start: 0, end: 0 });
    if (!target || isAlias(target)) return { node: null, at: here };
    return { node: target, at: here };
  }
  return { node: (node as Node | null) ?? null, at };
}

/**
 * Anchors indexed once per document. `Alias.resolve(doc)` walks the whole
 * document on every call, which makes alias-heavy files quadratic; an alias
 * refers to the last anchor of its name defined before it, found here by
 * binary search.
 */
class AnchorIndex {
  private readonly byName = new Map<string, { offset: number; node: Node }[]>();

  constructor(doc: Document) {
    visit(doc, (_key, node) => {
      const n = node as Node & { anchor?: string };
      if (n && typeof n === 'object' && 'anchor' in n && n.anchor && n.range) {
        const list = this.byName.get(n.anchor) ?? [];
        list.push({ offset: n.range[0], node: n });
        this.byName.set(n.anchor, list);
      }
    });
    for (const list of this.byName.values()) list.sort((a, b) => a.offset - b.offset);
  }

  resolve(alias: Alias): Node | undefined {
    const list = this.byName.get(alias.source);
    const at = alias.range?.[0] ?? Infinity;
    if (!list || list.length === 0) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.offset < at) { found = list[mid]!.node; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }
}

const anchorIndexes = new WeakMap<Document, AnchorIndex>();

/** Drops a document's anchor index, after its nodes moved (an incremental re-parse). */
export function forgetAnchors(doc: Document): void {
  anchorIndexes.delete(doc);
}

function anchorsOf(doc: Document): AnchorIndex {
  let index = anchorIndexes.get(doc);
  if (!index) anchorIndexes.set(doc, (index = new AnchorIndex(doc)));
  return index;
}

export interface Entry {
  readonly key: string;
  readonly keySpan: Span;
  /** The pair's whole span (key to end of value). */
  readonly span: Span;
  readonly value: Located;
  readonly pair: Pair;
}

/**
 * The entries of a mapping, with `<<` merge keys expanded as YAML defines them:
 * explicit keys win over merged ones, earlier merge sources over later ones.
 */
export function entries(doc: Document, map: YAMLMap, at?: Span, depth = 0): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair) && depth < 4) {
      const keySpan = at ?? keySpanOf(map, pair);
      for (const e of mergeSources(doc, pair.value as Node | null, keySpan, depth)) merged.push(e);
      continue;
    }
    own.push(pairEntry(doc, map, pair, at));
  }
  if (merged.length === 0) return own;
  const seen = new Set(own.map((e) => e.key));
  for (const e of merged) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    own.push(e);
  }
  return own;
}

/** A `<<` key (plain, not quoted): its value's entries are merged into the map. */
export function isMergeKey(pair: Pair): boolean {
  const k = pair.key as Node | null;
  return isScalar(k) && (k as Scalar).value === '<<' && (k as Scalar).type === 'PLAIN';
}

function keySpanOf(map: YAMLMap, pair: Pair): Span {
  // The fallback (the map's span) is built only for a key without a range.
  const kr = (pair.key as Node | null)?.range;
  return kr ? { start: kr[0], end: kr[1] } : spanOf(map, { start: 0, end: 0 });
}

/** The entry of one pair of `map` that is not a merge key (`entries` lists them all). */
export function pairEntry(doc: Document, map: YAMLMap, pair: Pair, at?: Span): Entry {
  const keyNode = pair.key as Node | null;
  const key = isScalar(keyNode) ? String((keyNode as Scalar).value) : '';
  const keySpan = at ?? keySpanOf(map, pair);
  const valueNode = pair.value as Node | null;
  const end = valueNode?.range?.[1] ?? keySpan.end;
  const span = at ?? { start: keySpan.start, end: Math.max(end, keySpan.end) };
  return { key, keySpan, span, value: deref(doc, valueNode, at), pair };
}

function mergeSources(doc: Document, value: Node | null, at: Span, depth: number): Entry[] {
  const sources = isSeq(value) ? value.items : [value];
  const out: Entry[] = [];
  for (const s of sources) {
    const { node } = deref(doc, s, at);
    if (isMap(node)) for (const e of entries(doc, node, at, depth + 1)) out.push(e);
  }
  return out;
}

/** Items of a flow or block sequence, or the single value itself. */
export function listItems(doc: Document, loc: Located): Located[] {
  if (isSeq(loc.node)) return loc.node.items.map((n) => deref(doc, n, loc.at));
  return [loc];
}

export function scalarValue(node: Node | null): unknown {
  return isScalar(node) ? (node as Scalar).value : undefined;
}

export { isMap, isScalar, isSeq };
