/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, the SARIF
 * viewer). Each rule carries its page: `fullDescription` and
 * `help.markdown`; `helpUri` only for an absolute docs base, because the
 * schema requires an absolute URI there.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { Severity } from '../analysis/findings';
import { RULES } from '../analysis/rules';
import { VERSION } from '../version';
import type { FileResult } from './check';
import type { InputProblem } from './inputs';
import { ruleDoc } from './ruleDocs';

const SARIF_LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A file path as a SARIF artifact URI: a relative reference with each segment percent-encoded, or a file: URL. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map((seg) => encodeURIComponent(seg)).join('/');
}

/** An absolute URL (with a scheme), or undefined. */
export function absoluteBase(base: string): string | undefined {
  try {
    return new URL(base).href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function descriptor(rule: (typeof RULES)[number], docsBase: string | undefined): ReportingDescriptor {
  const doc = ruleDoc(rule.code);
  return {
    id: rule.code,
    name: rule.code,
    shortDescription: { text: rule.title },
    ...(doc ? { fullDescription: { text: doc.summary || rule.title }, help: { text: doc.summary || rule.title, markdown: doc.markdown } } : {}),
    ...(docsBase ? { helpUri: `${docsBase}/${rule.code}.md` } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: { family: rule.family },
  };
}

export function toSarif(results: readonly FileResult[], options: { docsBase?: string; problems?: readonly InputProblem[] } = {}): Log {
  const rules = RULES.map((r) => descriptor(r, options.docsBase));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const problems = options.problems ?? [];
  const notifications: Notification[] = problems.map((p) => ({
    level: 'error', message: { text: `cannot read ${p.file}: ${p.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(p.file) } } }],
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'infra-yaml-check', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/infra-yaml/infra-yaml', rules } },
      invocations: [{ executionSuccessful: problems.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      results: results.flatMap((r) => r.findings.map((f): Result => ({
        ruleId: f.code,
        ruleIndex: index.get(f.code)!,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
        ...(f.relatedAt.length ? {
          relatedLocations: f.relatedAt.map((rel, i) => ({
            id: i, message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: { startLine: rel.line, startColumn: rel.column, endLine: rel.endLine, endColumn: rel.endColumn } },
          })),
        } : {}),
      }))),
    }],
  };
}
