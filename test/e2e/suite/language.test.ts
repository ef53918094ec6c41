import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXAMPLES, EXTENSION_ID, SIMPLE_STACK, LANGUAGE_ID, openExample, waitFor } from './helpers';

suite('Language and activation', () => {
  test('*.infra.yaml files open with language id infra-yaml', async () => {
    for (const name of EXAMPLES) {
      const doc = await openExample(name);
      assert.strictEqual(doc.languageId, LANGUAGE_ID, `${name} opened as ${doc.languageId}`);
    }
  });

  test('the extension activates on an infra-yaml document', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the extension host`);
    await openExample(SIMPLE_STACK);
    await waitFor('the extension to activate', () => ext.isActive, {
      explain: () => `isActive=${ext.isActive}`,
    });
  });
});
