import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  EXAMPLES, SIMPLE_STACK, SOURCE, compare, codeOf, describeDiagnostics, discardChanges, describeExpectation, openExample, openTempDesign,
  ourDiagnostics, readExpectations, referenceDesignText, removeTempDesigns, setText, waitFor,
} from './helpers';

suite('Diagnostics of the reference designs', () => {
  suiteTeardown(removeTempDesigns);

  for (const name of EXAMPLES) {
    test(`${name} shows exactly the diagnostics of its # expect: lines`, async () => {
      const doc = await openExample(name);
      const exps = readExpectations(referenceDesignText(name));
      const explain = () => {
        const { missing, unexpected } = compare(doc, ourDiagnostics(doc.uri), exps);
        return `missing:\n${missing.map(e => `  ${describeExpectation(doc, e)}`).join('\n') || '  (none)'}\n` +
          `unexpected:\n${describeDiagnostics(unexpected)}\nall:\n${describeDiagnostics(ourDiagnostics(doc.uri))}`;
      };

      if (exps.some(e => e.kind === 'expect')) {
        // Diagnostics are published per file as a whole: once every expected one is there, the set is final.
        await waitFor(`the expected diagnostics of ${name}`, () => compare(doc, ourDiagnostics(doc.uri), exps).missing.length === 0, { explain });
      } else {
        // No diagnostic expected: an empty list proves nothing until the server has analysed the file.
        // Analyse a copy with one deliberate error, wait for it, then remove it and wait for zero.
        const text = doc.getText();
        const copy = await openTempDesign(`copy-of-${name}`, `${text.trimEnd()}\nbogus-top-level-key: 1\n`);
        await waitFor('unknown-key on the deliberately broken copy', () => ourDiagnostics(copy.uri).some(d => codeOf(d) === 'unknown-key'), {
          explain: () => describeDiagnostics(ourDiagnostics(copy.uri)),
        });
        await setText(copy, text);
        await waitFor(`no diagnostics on the copy of ${name}`, () => ourDiagnostics(copy.uri).length === 0, {
          explain: () => describeDiagnostics(ourDiagnostics(copy.uri)),
        });
        await discardChanges(copy);
      }
      const { unexpected } = compare(doc, ourDiagnostics(doc.uri), exps);
      assert.deepStrictEqual(unexpected.map(d => `${codeOf(d)} L${d.range.start.line + 1}`), [], `unexpected diagnostics in ${name}:\n${explain()}`);
      for (const d of ourDiagnostics(doc.uri)) {
        assert.strictEqual(d.source, SOURCE, `diagnostic ${codeOf(d)} has source ${d.source}`);
        assert.ok(codeOf(d), `diagnostic without a code: ${d.message}`);
        assert.ok(d.message.length > 10, `diagnostic ${codeOf(d)} has a too short message: ${d.message}`);
      }
      console.log(`    ${path.basename(name)}: ${ourDiagnostics(doc.uri).length} diagnostics`);
    });
  }

  test('an expectation names the key line (single-point-of-failure on servers/server-1 of the simple stack)', async () => {
    const doc = await openExample(SIMPLE_STACK);
    const line = doc.getText().split('\n').findIndex(l => /^\s{2}server-1:\s*$/.test(l));
    assert.ok(line > 0, 'servers/server-1 not found by line scan');
    await waitFor('single-point-of-failure on the server-1 line', () =>
      ourDiagnostics(doc.uri).some(d => codeOf(d) === 'single-point-of-failure' && d.range.start.line === line),
    { explain: () => `server-1 is on line ${line + 1}\n${describeDiagnostics(ourDiagnostics(doc.uri))}` });
  });

  test('severities follow the rule defaults (database-exposed is an error, missing-monitoring a warning)', async () => {
    const doc = await openExample(SIMPLE_STACK);
    const find = (code: string) => ourDiagnostics(doc.uri).find(d => codeOf(d) === code);
    await waitFor('database-exposed and missing-monitoring', () => find('database-exposed') && find('missing-monitoring'), {
      explain: () => describeDiagnostics(ourDiagnostics(doc.uri)),
    });
    assert.strictEqual(find('database-exposed')!.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(find('missing-monitoring')!.severity, vscode.DiagnosticSeverity.Warning);
  });
});
