/** Offsets of lines within a text, without splitting it (a design of 10,000 components has 90,000 lines). */

/**
 * Where the line holding `offset` starts. At offset 0 that is 0: `lastIndexOf('\n', -1)` would
 * look at the first character, and a text that starts with a blank line put offset 0 on line 2.
 */
export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}
