/**
 * The preview's custom requests: the diagram model of a document and the
 * request-flow simulation on it. Wiring only: get the document, get the
 * cached analysis, call the core, answer `{ value } | { error }`.
 */
import { Connection, RequestType, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DIAGRAM_METHOD, DiagramAnswer, DiagramRequestParams, EXPORT_DIAGRAM_METHOD, ExportDiagramAnswer, ExportDiagramParams,
  EXPLAIN_METHOD, ExplainAnswer, ExplainParams, SIMULATE_METHOD, SimulateAnswer, SimulateRequestParams,
} from '../../../common/lspProtocol';
import type { Analysis } from '../analysis/analyze';
import type { LanguageService } from '../analysis/languageService';
import { simulate } from '../analysis/simulate/simulate';
import { buildDiagram } from '../analysis/view/diagram';
import { isGraphFormat, writeDiagram } from '../analysis/view/writers';
import { explainDesign } from '../analysis/explain/explain';
import type { RuleDocs } from '../analysis/explain/issues';
import type { Settings } from './settings';

const DiagramRequest = new RequestType<DiagramRequestParams, DiagramAnswer, void>(DIAGRAM_METHOD);
const ExportRequest = new RequestType<ExportDiagramParams, ExportDiagramAnswer, void>(EXPORT_DIAGRAM_METHOD);
const ExplainRequest = new RequestType<ExplainParams, ExplainAnswer, void>(EXPLAIN_METHOD);
const SimulateRequest = new RequestType<SimulateRequestParams, SimulateAnswer, void>(SIMULATE_METHOD);

/** `docs` reads a rule's page for the explanation; the entry supplies it (files on Node, none in a web worker). */
export function registerPreviewFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, settings: Settings, docs: RuleDocs = () => undefined): void {
  const withAnalysis = <T>(name: string, uri: string, fn: (a: Analysis) => T): { value: T } | { error: string } => {
    const doc = documents.get(uri);
    if (!doc) return { error: `${uri} is not open` };
    try {
      const a = service.analyze(doc);
      const syntax = a.parsed.errors[0];
      if (syntax) return { error: `The YAML does not parse (line ${a.parsed.lineCounter.linePos(syntax.span.start).line}): ${syntax.message}` };
      return { value: fn(a) };
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return { error: `${name} failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  // Badges follow the user's rule settings, like the squiggles do.
  connection.onRequest(DiagramRequest, async (p) => {
    const rules = await settings.rules(p.uri);
    return withAnalysis('diagram', p.uri, (a) => buildDiagram(a, rules));
  });
  connection.onRequest(ExportRequest, async (p) => {
    if (!isGraphFormat(p.format)) return { error: `unknown format ${String(p.format)}` };
    const rules = await settings.rules(p.uri);
    const model = withAnalysis('export', p.uri, (a) => buildDiagram(a, rules));
    if ('error' in model) return model;
    try { return { value: await writeDiagram(model.value, p.format) }; } catch (e) { return { error: `export failed: ${e instanceof Error ? e.message : String(e)}` }; }
  });
  connection.onRequest(ExplainRequest, async (p) => {
    const rules = await settings.rules(p.uri);
    return withAnalysis('explain', p.uri, (a) => explainDesign(a, { file: p.file, diagram: p.diagram, docs, settings: rules }));
  });
  connection.onRequest(SimulateRequest, (p) => {
    const { uri, ...params } = p;
    return withAnalysis('simulate', uri, (a) => simulate(a, params));
  });
}
