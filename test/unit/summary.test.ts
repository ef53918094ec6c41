// The summary code lens at the top of a design.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { y } from './helpers';

function lens(text: string): string {
  const doc = TextDocument.create('file:///s.infra.yaml', 'infra-yaml', 1, text);
  const lenses = createLanguageService().codeLenses(doc);
  assert.ok(lenses.length >= 1, "no lens"); // the summary comes first; encryption lenses follow over each DNS name
  return lenses[0]!.command!.title;
}

const CLEAN_PAIR = y`
  infra: 1
  domain: foobar.com
  dns:
    www:
      A: [203.0.113.1, 203.0.113.2]
  components:
    web-1:
      kind: web-server
      ip: 203.0.113.1
      tls: true
    web-2:
      kind: web-server
      ip: 203.0.113.2
      tls: true
`;

describe('summary lens', () => {
  it('claims no single point of failure on a clean redundant design', () => {
    assert.match(lens(CLEAN_PAIR), /✓ no single point of failure/);
  });

  it('shows no green tick (and no padlock) while the design has errors', () => {
    const broken = CLEAN_PAIR.replace(/ *kind: web-server\n( *ip: 203\.0\.113\.2)/, '$1');
    assert.notEqual(broken, CLEAN_PAIR);
    const title = lens(broken);
    assert.match(title, /^✖ 1 error/);
    assert.ok(!title.includes('✓'), title);
    assert.ok(!title.includes('🔒'), title);
    assert.match(title, /fix the errors first/);
  });
});
