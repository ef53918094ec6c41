/**
 * The LSP handlers for navigation, structure and code actions. Each is the
 * same short shape: find the document, call the core, answer; `safe` turns
 * an exception into a logged error and an empty answer.
 */
import { Connection, LSPErrorCodes, ResponseError, SymbolInformation, SymbolKind, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../analysis/languageService';
import { safe } from './runner';
import type { Settings } from './settings';

export function registerLanguageFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, settings: Settings): void {
  const doc = (uri: string): TextDocument | undefined => documents.get(uri);

  connection.onCodeAction(safe(connection, 'codeAction', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.codeActions(d, p.context.diagnostics, p.context.only) : [];
  }));
  connection.onCodeActionResolve(async (action, token) => {
    const uri = (action.data as { uri?: string } | undefined)?.uri;
    const d = uri ? doc(uri) : undefined;
    if (!d) return action;
    const rules = await settings.rules(d.uri);
    // Cancelled while the settings were on their way: answer so, not with a late edit.
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return safe(connection, 'codeActionResolve', action, () => service.resolveCodeAction(d, action, rules))();
  });
  connection.onDefinition(safe(connection, 'definition', null, (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.definition(d, p.position) : null;
  }));
  connection.onReferences(safe(connection, 'references', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.references(d, p.position, p.context.includeDeclaration) : [];
  }));
  connection.onDocumentHighlight(safe(connection, 'documentHighlight', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.highlights(d, p.position) : [];
  }));
  connection.onPrepareRename((p) => {
    const d = doc(p.textDocument.uri);
    if (!d) return null;
    const r = safe(connection, 'prepareRename', { error: 'internal error' } as const, () => service.prepareRename(d, p.position))();
    if ('error' in r) throw new ResponseError(0, r.error);
    return r;
  });
  connection.onRenameRequest((p) => {
    const d = doc(p.textDocument.uri);
    if (!d) return null;
    const r = safe(connection, 'rename', { error: 'internal error' } as const, () => service.rename(d, p.position, p.newName))();
    if ('error' in r) throw new ResponseError(0, r.error);
    return r;
  });
  connection.onDocumentSymbol(safe(connection, 'documentSymbol', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.symbols(d) : [];
  }));
  connection.onWorkspaceSymbol(safe(connection, 'workspaceSymbol', [], (p) => {
    const query = p.query.toLowerCase();
    const out: SymbolInformation[] = [];
    for (const d of documents.all()) {
      for (const group of service.symbols(d)) {
        const leaves = group.children?.flatMap((c) => (c.kind === SymbolKind.Enum ? c.children ?? [] : [c])) ?? [];
        for (const s of leaves) {
          if (s.name.toLowerCase().includes(query)) out.push({ name: s.name, kind: s.kind, location: { uri: d.uri, range: s.selectionRange }, containerName: group.name });
        }
      }
    }
    return out;
  }));
  connection.onFoldingRanges(safe(connection, 'foldingRanges', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.foldingRanges(d) : [];
  }));
  connection.onSelectionRanges(safe(connection, 'selectionRanges', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.selectionRanges(d, p.positions) : [];
  }));
  connection.languages.semanticTokens.on(safe(connection, 'semanticTokens', { data: [] }, (p) => {
    const d = doc(p.textDocument.uri);
    return { data: d ? service.semanticTokens(d) : [] };
  }));
  connection.languages.inlayHint.on(safe(connection, 'inlayHint', [], (p) => {
    const d = doc(p.textDocument.uri);
    return d ? service.inlayHints(d, p.range) : [];
  }));
}
