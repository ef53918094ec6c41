/**
 * For the e2e suite only: makes the server crash on a document that contains
 * a marker, so that a test can check what the user sees when the server
 * crashes (client/src/crashHandler.ts). Only the server's environment arms
 * it (INFRA_YAML_TEST_CRASH_MARKER, at least 16 characters): no design can,
 * and without the variable nothing is registered.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const TEST_CRASH_VARIABLE = 'INFRA_YAML_TEST_CRASH_MARKER';
const MIN_MARKER = 16;

export function crashOnMarker(documents: TextDocuments<TextDocument>, marker: string | undefined, log: (m: string) => void, exit: (code: number) => void): boolean {
  if (!marker || marker.length < MIN_MARKER) return false;
  documents.onDidChangeContent((e) => {
    if (!e.document.getText().includes(marker)) return;
    log(`crashing on purpose (${TEST_CRASH_VARIABLE} is set): ${e.document.uri} contains the marker`);
    exit(70);
  });
  return true;
}
