/**
 * Design strings in Markdown (hovers) and plain labels (inlay hints, the
 * CLI): a name, a software, a zone, an agent or a message comes from the
 * file and must not become a link, an image (fetched when the hover
 * renders), a heading, an HTML tag or a line of its own.
 */

/** Longest design string shown in a hover or a label; the rest is elided. */
export const MAX_SHOWN = 200;

/** Control characters (C0, DEL, C1), line and paragraph separators, bidi controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of plain text: control characters become U+FFFD (visible, never acted on), long strings are cut. */
export function plainText(s: string, max = MAX_SHOWN): string {
  const one = String(s).replace(CONTROL, '\ufffd');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/**
 * Plain text as inline Markdown. The text is one line inside a sentence, so
 * only what works mid-line needs escaping: emphasis and code (`* _ ~ \``),
 * links and images (`[ ]`, so `!` and `(` lose their meaning), HTML (`< >`),
 * and the autolinks of GFM (`https://`, `www.`, `a@b`).
 */
export function mdText(s: string, max = MAX_SHOWN): string {
  return plainText(s, max)
    .replace(/[\\`*_~[\]<>@]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\:\\/\\/')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** Plain text as an inline code span, with a fence no backtick run inside can close. */
export function mdCode(s: string, max = MAX_SHOWN): string {
  const text = plainText(s, max);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}
