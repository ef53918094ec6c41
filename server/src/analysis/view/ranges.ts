/** Offsets to LSP-shaped ranges, at the edge of the view model (the core keeps offsets). */
import type { LineCounter } from 'yaml';
import type { Position, Range } from '../../../../common/webviewProtocol';
import type { Span } from '../model/types';

export type ToRange = (span: Span | undefined) => Range | undefined;

export function rangeMaker(lineCounter: LineCounter): ToRange {
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  };
  return (span) => (span ? { start: pos(span.start), end: pos(Math.max(span.start, span.end)) } : undefined);
}
