/**
 * Custom LSP requests between the extension (client) and the language
 * server, declared once and imported by both sides. No runtime dependency:
 * each side passes the method string to its own `sendRequest`/`onRequest`.
 * Requests answer `{ value } | { error }` instead of throwing, so a broken
 * document is an ordinary answer rather than a protocol error.
 */
import type { DiagramModel, SimulationParams, SimulationResult } from './webviewProtocol';

/** Either the value or a human-readable reason why there is none. */
export type Answer<T> = { readonly value: T } | { readonly error: string };

/** `infraYaml/diagram`: the diagram model of an open document. */
export const DIAGRAM_METHOD = 'infraYaml/diagram';
export interface DiagramRequestParams {
  readonly uri: string;
}
export type DiagramAnswer = Answer<DiagramModel>;

/** `infraYaml/simulate`: run the request-flow simulation on an open document. */
export const SIMULATE_METHOD = 'infraYaml/simulate';
export interface SimulateRequestParams extends SimulationParams {
  readonly uri: string;
}
export type SimulateAnswer = Answer<SimulationResult>;

/** The formats `infraYaml/exportDiagram` writes (the CLI's `graph --format`). */
export type ExportFormat = 'mermaid' | 'dot' | 'd2' | 'drawio' | 'svg';

/** `infraYaml/exportDiagram`: the diagram of an open document as Mermaid, DOT, D2, draw.io or SVG text. */
export const EXPORT_DIAGRAM_METHOD = 'infraYaml/exportDiagram';
export interface ExportDiagramParams {
  readonly uri: string;
  readonly format: ExportFormat;
}
export type ExportDiagramAnswer = Answer<string>;

/** `infraYaml/explain`: the design explained in Markdown ("Explain This Design"). */
export const EXPLAIN_METHOD = 'infraYaml/explain';
export interface ExplainParams {
  readonly uri: string;
  /** How the document links to the design, and where its diagram image is (both relative to the document). */
  readonly file: string;
  readonly diagram: string;
}
export type ExplainAnswer = Answer<string>;
