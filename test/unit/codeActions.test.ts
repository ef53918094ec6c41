// Code actions from the client's diagnostics: a diagnostic that no longer
// matches the document (it predates an edit) offers no edit (issue 12).
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import { toDiagnostic } from '../../server/src/analysis/diagnostics';
import { codeActions } from '../../server/src/analysis/services/codeActions';
import { y } from './helpers';

const diagnosticsOf = (doc: TextDocument) => reportedFindings(analyzeText(doc.getText())).map((f) => toDiagnostic(doc, f, undefined));

describe('code actions', () => {
  const text = y`
    infra: 1
    components:
      web-1:
        kind: web-servr
  `;
  it('offers the fix of a current diagnostic', () => {
    const doc = TextDocument.create('file:///a.infra.yaml', 'infra-yaml', 1, text);
    const titles = codeActions(analyzeText(text), doc, diagnosticsOf(doc)).map((c) => c.title);
    assert.ok(titles.includes("Change to 'web-server'"), titles.join(', '));
  });
  it('offers no edit for a diagnostic from before an edit (a line inserted above the typo)', () => {
    const old = TextDocument.create('file:///a.infra.yaml', 'infra-yaml', 1, text);
    const stale = diagnosticsOf(old);
    const now = TextDocument.update(old, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '  # the web tier\n' }], 2);
    const actions = codeActions(analyzeText(now.getText()), now, stale);
    assert.deepEqual(actions.filter((c) => c.edit).map((c) => c.title), []);
  });
});
