/**
 * "Explain this design": a Markdown document with the diagram, the
 * specifics of this design and its issues. Every sentence comes from the
 * vocabulary, the analysis and the rule pages (the adapters hand those in),
 * never from text written for one design.
 */
import { Analysis, reportedFindings, RuleSettings } from '../analyze';
import { issues, RuleDocs } from './issues';
import { specifics } from './specifics';
import { esc, fileTarget, linker } from './text';

export interface ExplainOptions {
  /** The design's file name as the document links to it (relative to the document). */
  readonly file: string;
  /** Where the diagram image is (a relative path or a data: URL). */
  readonly diagram: string;
  readonly docs: RuleDocs;
  readonly settings?: RuleSettings;
}

export function explainDesign(a: Analysis, o: ExplainOptions): string {
  const lineOf = (offset: number): number => a.parsed.lineCounter.linePos(offset).line;
  const link = linker(o.file, lineOf);
  const title = a.design.name?.value ?? o.file;
  const findings = reportedFindings(a, o.settings ?? {});
  return [
    `# ${esc(title)}`,
    '',
    `What [${esc(o.file)}](${fileTarget(o.file)}) describes, written from the design itself: it follows the file when it changes.`,
    '',
    `![The diagram of ${esc(title)}](${o.diagram})`,
    '',
    ...specifics(a, link),
    ...issues(a, findings, link, o.docs, lineOf),
  ].join('\n');
}
