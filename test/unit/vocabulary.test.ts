// Every documentation id the vocabulary (and the services) refer to exists in
// DOCS, with a non-empty summary and body.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALGORITHMS, CLUSTER_MODES, FAILOVER_MODES, KEYS, KINDS, LB_TLS_MODES, RECORD_TYPES, ROLES,
} from '../../server/src/analysis/vocabulary';
import { DOCS } from '../../server/src/analysis/vocabulary/docs';

const ROOT = path.resolve(__dirname, '../../..');

function assertEntry(id: string): void {
  const d = DOCS[id];
  assert.ok(d, `DOCS has '${id}'`);
  assert.ok(d.title.trim().length > 0, `'${id}' has a title`);
  assert.ok(d.summary.trim().length > 0, `'${id}' has a summary`);
  assert.ok(d.body.trim().length > 0, `'${id}' has a body`);
}

describe('vocabulary documentation', () => {
  it("every key's doc id exists", () => {
    assert.ok(KEYS.length > 30);
    for (const k of KEYS) assertEntry(k.doc);
  });

  it('every kind, algorithm, cluster mode, role, failover and tls value is documented', () => {
    for (const k of KINDS) assertEntry(`kind.${k}`);
    for (const a of ALGORITHMS) assertEntry(`algorithm.${a}`);
    for (const m of CLUSTER_MODES) assertEntry(`mode.${m}`);
    for (const r of ROLES) assertEntry(`role.${r}`);
    for (const f of FAILOVER_MODES) assertEntry(`failover.${f}`);
    for (const t of [...LB_TLS_MODES, 'true']) assertEntry(`tls.${t}`);
  });

  it('every DNS record type and the record name are documented', () => {
    assert.equal(RECORD_TYPES.length, 10);
    for (const t of RECORD_TYPES) assertEntry(`dns.${t}`);
    assertEntry('dns.record-name');
  });

  it('every enum key names a doc prefix whose values are all documented', () => {
    for (const k of KEYS) {
      if (k.shape.type !== 'enum') continue;
      for (const v of k.shape.values) assertEntry(`${k.shape.docPrefix}${v}`);
    }
  });

  it('every doc id written literally in the completion and hover services exists', () => {
    const dir = path.join(ROOT, 'server/src/analysis/services');
    const ids = new Set<string>();
    for (const f of ['completion.ts', 'hover.ts']) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/\b(?:doc|entry|valueItem\([^,]+,[^,]+,)\s*\(?\s*'((?:key|kind|dns|algorithm|mode|role|failover|tls|firewall|monitoring|concept)\.[a-zA-Z@-]+)'/g)) ids.add(m[1]!);
    }
    assert.ok(ids.size >= 5, `found literal ids: ${[...ids].join(', ')}`);
    for (const id of ids) assertEntry(id);
  });

  it('summaries are one short sentence (completion details)', () => {
    for (const [id, d] of Object.entries(DOCS)) {
      assert.ok(d.summary.length <= 100, `'${id}' summary is ${d.summary.length} characters`);
      assert.ok(!d.summary.includes('\n'), `'${id}' summary is one line`);
    }
  });
});
