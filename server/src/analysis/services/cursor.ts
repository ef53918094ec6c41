/**
 * Where the cursor stands, read from the lines around it rather than from the
 * YAML tree, so that half-typed lines (`    kin`, `to: [web-1, `) that do not
 * parse yet still give a precise context for completion.
 */
import { lineStartOf } from '../lines';

export interface CursorContext {
  /** Keys from the root down to the mapping the cursor is in (for a key) or the key whose value it types. */
  readonly path: readonly string[];
  /** Typing a key, or a value of `path`'s last key. */
  readonly at: 'key' | 'value';
  /** The partial word before the cursor. */
  readonly prefix: string;
  /** Offsets of the word to replace. */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** Inside a flow sequence `[a, b|]` or a block sequence item `- |`. */
  readonly inList: boolean;
  /** Indentation (columns) of the key being typed; for values, of the key that owns them. */
  readonly indent: number;
  /** Items already in the list or flow sequence the cursor is in. */
  readonly siblings: readonly string[];
  /** Right after a key's colon (`kind:|`): a value inserted here needs a space before it. */
  readonly glued: boolean;
  /** Nothing but the rest of the word and spaces after the cursor on its line. */
  readonly atLineEnd: boolean;
}

interface LineInfo {
  readonly indent: number;
  readonly key?: string;
  readonly dash: boolean;
}

/** A line read as `indent [- ]key: rest`, by one left-to-right scan (no regex backtracking). */
interface KeyScan {
  /** Columns before the dash, or before the key when there is a `- `. */
  readonly lead: number;
  /** Column of the key (after `- ` when there is one). */
  readonly at: number;
  readonly dash: boolean;
  readonly key?: string;
  /** Index of the `:` that ends the key. */
  readonly colon?: number;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipSpaces(line: string, i: number): number {
  while (i < line.length && isSpace(line[i])) i++;
  return i;
}

/** `:` ends a key when a space, a tab or the end of the line follows it. */
const endsKey = (line: string, i: number): boolean => line[i] === ':' && (i + 1 === line.length || isSpace(line[i + 1]));

function scanKeyLine(line: string): KeyScan {
  const lead = skipSpaces(line, 0);
  let at = lead;
  const dash = line[lead] === '-' && isSpace(line[lead + 1]);
  if (dash) at = skipSpaces(line, lead + 1);
  const c = line[at];
  if (c === undefined || c === '#') return { lead, at, dash };
  if (c === '"' || c === "'") {
    const close = line.indexOf(c, at + 1);
    if (close < 0) return { lead, at, dash };
    const colon = skipSpaces(line, close + 1);
    return endsKey(line, colon) ? { lead, at, dash, key: line.slice(at + 1, close), colon } : { lead, at, dash };
  }
  let j = at;
  while (j < line.length && line[j] !== ':' && line[j] !== '#') j++;
  return endsKey(line, j) ? { lead, at, dash, key: line.slice(at, j).trimEnd(), colon: j } : { lead, at, dash };
}

const isBlankOrComment = (line: string): boolean => {
  const i = skipSpaces(line, 0);
  return i === line.length || line[i] === '#';
};

function lineInfo(line: string): LineInfo | undefined {
  if (isBlankOrComment(line)) return undefined;
  const k = scanKeyLine(line);
  if (k.key === undefined) return { indent: k.lead, dash: line[k.lead] === '-' };
  return { indent: k.at, key: k.key, dash: k.dash };
}

/**
 * The lines of a text walked by offsets from one line up or down, without splitting the text (a
 * design of 10,000 components has 90,000 lines; completion must not copy them all).
 */
class Lines {
  constructor(private readonly text: string) {}

  /** Start of the line before the one starting at `start`, or -1 at the first line. */
  up(start: number): number {
    if (start === 0) return -1;
    // The line before ends with the newline at start - 1.
    return lineStartOf(this.text, start - 1);
  }

  /** Start of the line after the one starting at `start`, or -1 at the last line. */
  down(start: number): number {
    const nl = this.text.indexOf('\n', start);
    return nl < 0 ? -1 : nl + 1;
  }

  /** Columns of spaces and tabs the line starts with. */
  lead(start: number): number {
    let i = start;
    while (isSpace(this.text[i])) i++;
    return i - start;
  }

  /** The line's text, without its line end (`\r\n` too: a key line `web:\r` is a key). */
  line(start: number): string {
    const nl = this.text.indexOf('\n', start);
    const end = nl < 0 ? this.text.length : nl;
    return this.text.slice(start, end > start && this.text[end - 1] === '\r' ? end - 1 : end);
  }
}

/**
 * A shortcut for the scan up, known from the parsed tree: for the line starting at `lineStart`, the
 * start of a line above it such that every line after that one, up to `lineStart`'s, is blank, a
 * comment or indented at least `limit` columns (the scan would skip them all); `undefined` when
 * nothing is known. Without it, completion inside one of 10,000 components walked the 45,000 lines
 * above it to reach `components:` (4 ms of every completion at 10k).
 */
export type SkipUp = (lineStart: number, limit: number) => number | undefined;

/**
 * The chain of parent keys for a line with the given indentation, scanning upwards from the line
 * starting at `from`. Only a line indented less than the parent looked for can be it: the others are
 * skipped without being read.
 */
function parents(lines: Lines, from: number, indent: number, skip?: SkipUp): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = lines.up(from); i >= 0 && limit > 0; i = lines.up(i)) {
    i = skip?.(i, limit) ?? i;
    if (lines.lead(i) >= limit) continue;
    const info = lineInfo(lines.line(i));
    if (!info) continue;
    if (info.indent < limit && info.key !== undefined) {
      path.unshift(info.key);
      limit = info.dash ? info.indent - 2 : info.indent;
    } else if (info.indent < limit && info.dash) {
      limit = info.indent;
    }
  }
  return path;
}

export function cursorContext(text: string, offset: number, skip?: SkipUp): CursorContext {
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const lines = new Lines(text);
  const wordAfter = /^[\w@.*-]*/.exec(after)![0].length;
  const atLineEnd = after.slice(wordAfter).trim() === '';

  // `key: value|` or `key: [a, b|` (or `key:|`, the value not begun)
  const k = scanKeyLine(before);
  if (k.key !== undefined && k.colon !== undefined) {
    const indent = k.at;
    const glued = k.colon + 1 === before.length;
    const rest = before.slice(skipSpaces(before, k.colon + 1));
    const flow = rest.lastIndexOf('[');
    const inFlow = flow >= 0 && rest.lastIndexOf(']') < flow;
    const partial = inFlow ? rest.slice(Math.max(flow, rest.lastIndexOf(',')) + 1).trimStart() : rest.replace(/^["']/, '');
    const siblings = inFlow ? rest.slice(flow + 1).split(',').map((s) => s.trim()).filter((s) => s && s !== partial) : [];
    const path = [...parents(lines, lineStart, indent, skip), k.key];
    return { path, at: 'value', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: inFlow, indent, siblings, glued, atLineEnd };
  }

  // `- item|` in a block sequence under some key
  if (k.dash && !/[:#]/.test(before.slice(k.at))) {
    const indent = k.lead;
    const path = parents(lines, lineStart, indent + 1, skip);
    const siblings = blockSiblings(lines, lineStart, indent);
    const partial = before.slice(k.at);
    return { path, at: 'value', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: true, indent, siblings, glued: false, atLineEnd };
  }

  // typing a key: `  kin|` (or an empty line)
  const key = /^(\s*)([^\s:#]*)$/.exec(before);
  const indent = key ? key[1]!.length : before.length - before.trimStart().length;
  const partial = key ? key[2]! : '';
  return { path: parents(lines, lineStart, indent, skip), at: 'key', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: false, indent, siblings: [], glued: false, atLineEnd };
}

function blockSiblings(lines: Lines, from: number, indent: number): string[] {
  const out: string[] = [];
  for (let i = lines.up(from); i >= 0; i = lines.up(i)) {
    const l = lines.line(i);
    const m = /^(\s*)-\s+(\S+)/.exec(l);
    if (m && m[1]!.length === indent) out.push(m[2]!);
    else if (!/^\s*(#|$)/.test(l)) break;
  }
  return out;
}

/** Keys already present in the mapping that holds the cursor line (same indentation, same block). */
export function siblingKeys(text: string, offset: number, indent: number): Set<string> {
  const lines = new Lines(text);
  const here = lineStartOf(text, offset);
  const keys = new Set<string>();
  // A line indented less is the parent: the mapping ends there. A `- key:` line at this
  // indentation starts a list item: scanning up it is this item's first key, scanning
  // down it is the next item. Lines indented more belong to the keys' values: not read.
  const scan = (from: number, step: 'up' | 'down'): void => {
    for (let i = from; i >= 0; i = lines[step](i)) {
      if (lines.lead(i) > indent) continue;
      const info = lineInfo(lines.line(i));
      if (!info) continue;
      if (info.indent < indent) break;
      if (info.dash && info.indent === indent && step === 'down') break;
      if (info.indent === indent && info.key !== undefined) keys.add(info.key);
      if (info.dash && info.indent === indent) break;
    }
  };
  scan(lines.up(here), 'up');
  scan(lines.down(here), 'down');
  return keys;
}
