// The e2e suite's crash switch (server/src/features/testCrash.ts) is armed only by a long marker
// in the server's environment; a design alone never arms it.
import * as assert from 'node:assert/strict';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { crashOnMarker } from '../../server/src/features/testCrash';

type Listener = (e: { document: TextDocument }) => void;

function fakeDocuments(): { docs: TextDocuments<TextDocument>; fire: (text: string) => void; listeners: Listener[] } {
  const listeners: Listener[] = [];
  const docs = { onDidChangeContent: (l: Listener) => { listeners.push(l); return { dispose() {} }; } } as unknown as TextDocuments<TextDocument>;
  const fire = (text: string): void => { for (const l of listeners) l({ document: TextDocument.create('file:///x.infra.yaml', 'infra-yaml', 1, text) }); };
  return { docs, fire, listeners };
}

describe('the test-only crash switch', () => {
  it('does nothing without the variable, or with a short marker', () => {
    for (const marker of [undefined, '', 'infra']) {
      const f = fakeDocuments();
      assert.equal(crashOnMarker(f.docs, marker, () => {}, () => assert.fail('exited')), false);
      assert.equal(f.listeners.length, 0);
    }
  });

  it('armed, exits (and says why) on a document with the marker only', () => {
    const f = fakeDocuments();
    const exits: number[] = [];
    const logs: string[] = [];
    assert.equal(crashOnMarker(f.docs, 'a-marker-of-16-or-more', (m) => logs.push(m), (c) => exits.push(c)), true);
    f.fire('infra: 1\n');
    assert.deepEqual(exits, []);
    f.fire('infra: 1\n# a-marker-of-16-or-more\n');
    assert.deepEqual(exits, [70]);
    assert.match(logs[0]!, /crashing on purpose \(INFRA_YAML_TEST_CRASH_MARKER is set\): file:\/\/\/x.infra.yaml/);
  });
});
