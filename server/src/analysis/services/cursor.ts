/**
 * Where the cursor stands, read from the lines around it rather than from the
 * YAML tree, so that half-typed lines (`    kin`, `to: [web-1, `) that do not
 * parse yet still give a precise context for completion.
 */

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
}

interface LineInfo {
  readonly indent: number;
  readonly key?: string;
  readonly dash: boolean;
}

const KEY_LINE = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(\s|$)/;

function lineInfo(line: string): LineInfo | undefined {
  if (/^\s*(#|$)/.test(line)) return undefined;
  const m = KEY_LINE.exec(line);
  const indent = line.length - line.trimStart().length;
  if (!m) return { indent, dash: /^\s*-/.test(line) };
  const key = m[3]!.replace(/^["']|["']$/g, '');
  return { indent: m[1]!.length + (m[2]?.length ?? 0), key, dash: !!m[2] };
}

/** The chain of parent keys for a line with the given indentation, scanning upwards. */
function parents(lines: readonly string[], lineNo: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = lineNo - 1; i >= 0 && limit > 0; i--) {
    const info = lineInfo(lines[i]!);
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

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const lines = text.slice(0, lineStart).split('\n');
  const lineNo = lines.length - 1;
  const wordAfter = /^[\w@.*-]*/.exec(after)![0].length;

  // `key: value|` or `key: [a, b|`
  const kv = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:\s+(.*)$/.exec(before);
  if (kv) {
    const indent = kv[1]!.length + (kv[2]?.length ?? 0);
    const key = kv[3]!.replace(/^["']|["']$/g, '');
    const rest = kv[4]!;
    const flow = rest.lastIndexOf('[');
    const inFlow = flow >= 0 && rest.lastIndexOf(']') < flow;
    const partial = inFlow ? rest.slice(Math.max(flow, rest.lastIndexOf(',')) + 1).trimStart() : rest.replace(/^["']/, '');
    const siblings = inFlow ? rest.slice(flow + 1).split(',').map((s) => s.trim()).filter((s) => s && s !== partial) : [];
    const path = [...parents(lines, lineNo, indent), key];
    return { path, at: 'value', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: inFlow, indent, siblings };
  }

  // `- item|` in a block sequence under some key
  const item = /^(\s*)-\s+([^:#]*)$/.exec(before);
  if (item) {
    const indent = item[1]!.length;
    const path = parents(lines, lineNo, indent + 1);
    const siblings = blockSiblings(lines, lineNo, indent);
    const partial = item[2]!;
    return { path, at: 'value', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: true, indent, siblings };
  }

  // typing a key: `  kin|` (or an empty line)
  const key = /^(\s*)([^\s:#]*)$/.exec(before);
  const indent = key ? key[1]!.length : before.length - before.trimStart().length;
  const partial = key ? key[2]! : '';
  return { path: parents(lines, lineNo, indent), at: 'key', prefix: partial, replaceStart: offset - partial.length, replaceEnd: offset + wordAfter, inList: false, indent, siblings: [] };
}

function blockSiblings(lines: readonly string[], lineNo: number, indent: number): string[] {
  const out: string[] = [];
  for (let i = lineNo - 1; i >= 0; i--) {
    const l = lines[i]!;
    const m = /^(\s*)-\s+(\S+)/.exec(l);
    if (m && m[1]!.length === indent) out.push(m[2]!);
    else if (!/^\s*(#|$)/.test(l)) break;
  }
  return out;
}

/** Keys already present in the mapping that holds the cursor line (same indentation, same block). */
export function siblingKeys(text: string, offset: number, indent: number): Set<string> {
  const lines = text.split('\n');
  const lineNo = text.slice(0, offset).split('\n').length - 1;
  const keys = new Set<string>();
  // A line indented less is the parent: the mapping ends there. A `- key:` line at this
  // indentation starts a list item: scanning up it is this item's first key, scanning
  // down it is the next item.
  const scan = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const info = lineInfo(lines[i]!);
      if (!info) continue;
      if (info.indent < indent) break;
      if (info.dash && info.indent === indent && step > 0) break;
      if (info.indent === indent && info.key !== undefined) keys.add(info.key);
      if (info.dash && info.indent === indent) break;
    }
  };
  scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return keys;
}
