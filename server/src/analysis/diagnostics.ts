/** Findings to LSP diagnostics: offsets become ranges only here, at the edge. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { ReportedFinding } from './analyze';
import type { Severity } from './findings';
import type { Span } from './model/types';

export const DIAGNOSTIC_SOURCE = 'infra-yaml';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** Offsets to an LSP range: the only place positions are computed. */
export function rangeOf(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(Math.max(span.end, span.start)) };
}

export function toDiagnostic(doc: TextDocument, f: ReportedFinding, docsBase: string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: rangeOf(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (docsBase) d.codeDescription = { href: `${docsBase}/${f.code}.md` };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: rangeOf(doc, r.span) }, message: r.message }));
  if (f.data) d.data = f.data;
  return d;
}
