/**
 * A key typed without its colon yet. The `yaml` library reads a plain key that has no `:` and the
 * key on the next line, at the same column, as one key over two lines (`ca` typed above `app-1:` is
 * the key `ca app-1`, error MULTILINE_IMPLICIT_KEY): while a person types a new name above an entry,
 * that entry vanishes into it, and every reference to it is reported unknown until the colon comes.
 * A one-character key in the same place the library reads as a key of its own with no value
 * (MISSING_CHAR). Such a run of keys is split back into its lines here, the same way: each line but
 * the last is a key with no value and that error, the last line's key keeps the value. The whole
 * parse and the incremental re-parse's windows both do it (parse/yamlDocument.ts, incremental.ts),
 * so a re-parse gives what a whole parse gives.
 *
 * Only a run in a block map, of plain lines each at the key's own column with no blank or comment
 * line between them, and only when each line alone parses as a plain key: anything else keeps the
 * library's reading and its error.
 */
import { Document, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, Scalar, YAMLMap, YAMLParseError } from 'yaml';
import { lineStartOf } from '../lines';

/** What the library says of a key with no value (its message for the one-character key). */
const NO_VALUE = 'Implicit map keys need to be followed by map values';

/** Splits the run-on keys `doc`'s errors point at (`text` is what `doc` was parsed from), in place: the tree and `doc.errors`. */
export function splitRunOnKeys(doc: Document, text: string): void {
  if (!doc.errors.some((e) => e.code === 'MULTILINE_IMPLICIT_KEY')) return;
  const errors: YAMLParseError[] = [];
  for (const e of doc.errors) {
    const split = e.code === 'MULTILINE_IMPLICIT_KEY' ? splitAt(doc.contents, text, e.pos[0]) : undefined;
    if (split) for (const x of split) errors.push(x);
    else errors.push(e);
  }
  doc.errors = errors;
}

/** Splits the key that starts at `at`; the errors of the keys split off, or undefined (nothing changed). */
function splitAt(root: unknown, text: string, at: number): YAMLParseError[] | undefined {
  const found = pairAt(root, at);
  if (!found) return undefined;
  const { map, index } = found;
  const pair = map.items[index] as Pair;
  const key = pair.key as Scalar;
  if (key.type !== 'PLAIN' || key.anchor || key.tag || key.comment) return undefined;
  const parts = linesOf(text, key.range![0], key.range![1]);
  if (!parts) return undefined;
  const keys: Scalar[] = [];
  for (const p of parts) {
    const k = plainKey(text.slice(p.start, p.end), p.start);
    if (!k) return undefined;
    keys.push(k);
  }
  const last = keys[keys.length - 1]!;
  const first = keys[0]!;
  if (key.spaceBefore) first.spaceBefore = true;
  if (key.commentBefore) first.commentBefore = key.commentBefore;
  // The last line's key is the pair's own, so that what holds the pair (its value, its place) stands.
  key.value = last.value;
  key.source = last.source;
  key.range = [last.range![0], last.range![1], key.range![2]];
  key.spaceBefore = undefined;
  key.commentBefore = undefined;
  const before = keys.slice(0, -1).map((k) => new Pair(k, null));
  map.items = map.items.slice(0, index).concat(before, map.items.slice(index));
  return before.map((p) => { const r = (p.key as Scalar).range!; return new YAMLParseError([r[0], r[1]], 'MISSING_CHAR', NO_VALUE); });
}

/** The pair of a block map under `node` whose key starts at `at`. */
function pairAt(node: unknown, at: number): { map: YAMLMap; index: number } | undefined {
  let n = node;
  for (;;) {
    if (isMap(n)) {
      const items = n.items;
      let next: unknown;
      for (let i = 0; i < items.length; i++) {
        const p = items[i]!;
        if (!isPair(p)) continue;
        const k = p.key as Node | null;
        if (k?.range?.[0] === at) return isScalar(k) && !n.flow ? { map: n as YAMLMap, index: i } : undefined;
        if (within(k, at)) return undefined;
        if (within(p.value as Node | null, at)) { next = p.value; break; }
      }
      if (next === undefined) return undefined;
      n = next;
    } else if (isSeq(n)) {
      const item = n.items.find((x) => within(x as Node | null, at));
      if (!item) return undefined;
      n = item;
    } else return undefined;
  }
}

function within(n: Node | null | undefined, at: number): boolean {
  const r = n?.range;
  return !!r && r[0] <= at && at < r[1];
}

/**
 * The lines of a run-on key, without their indentation and trailing blanks: undefined unless every
 * line after the first starts at the key's column with something other than a space.
 */
function linesOf(text: string, start: number, end: number): { start: number; end: number }[] | undefined {
  const column = start - lineStartOf(text, start);
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (;;) {
    const nl = text.indexOf('\n', s);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    let e = lineEnd;
    while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\r')) e--;
    if (e === s) return undefined;
    out.push({ start: s, end: e });
    if (lineEnd >= end) break;
    const next = lineEnd + 1;
    let i = next;
    while (i < end && text[i] === ' ') i++;
    if (i - next !== column || i >= end || text[i] === '\r' || text[i] === '\n') return undefined;
    s = i;
  }
  return out.length > 1 ? out : undefined;
}

/** The key node the library gives `source` as a key of its own (a plain scalar, resolved by the schema), placed at `at`. */
function plainKey(source: string, at: number): Scalar | undefined {
  const d = parseDocument(`${source}:`, { strict: true });
  const m = d.contents;
  if (d.errors.length || d.warnings.length || !isMap(m) || m.items.length !== 1) return undefined;
  const k = (m.items[0] as Pair).key;
  if (!isScalar(k) || k.type !== 'PLAIN' || k.source !== source || k.anchor || k.tag) return undefined;
  k.range = [at, at + source.length, at + source.length];
  return k;
}
