/** Renders a documentation entry as Markdown for hovers and completion items. */
import type { DocEntry } from '../vocabulary/docs';

export function docMarkdown(d: DocEntry, heading = false): string {
  const parts = heading ? [`**${d.title}** — ${d.summary}`, d.body] : [d.body];
  if (d.example) parts.push('```infra-yaml\n' + d.example + '\n```');
  return parts.join('\n\n');
}
