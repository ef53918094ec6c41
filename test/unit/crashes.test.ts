// The client's crash policy: which document to name and set aside, when to stop restarting.
import * as assert from 'node:assert/strict';
import { CRASH_WINDOW_MS, CrashTracker, MAX_RESTARTS } from '../../client/src/crashes';

const name = (u: string): string => u.replace('file:///', '');

describe('client crash handling', () => {
  it('names the document sent last and sets it aside; restarts four times, then stops', () => {
    let now = 0;
    const t = new CrashTracker(() => now);
    t.touched('file:///a.infra.yaml');
    t.touched('file:///huge.infra.yaml');
    const d = t.crashed(name);
    assert.equal(d.restart, true);
    assert.equal(d.suspect, 'file:///huge.infra.yaml');
    assert.equal(d.message, 'The Infra YAML server crashed while checking huge.infra.yaml and was restarted without it. That design is not checked until you check it again or reopen it.');
    assert.deepEqual(d.actions, ['Check It Again', 'Show Log']);
    assert.match(d.log, /while checking huge.infra.yaml \(crash 1 in the last 3 minutes\); restarting it, without huge.infra.yaml\. Its last output is above\./);
    assert.equal(t.isSetAside('file:///huge.infra.yaml'), true);
    assert.equal(t.isSetAside('file:///a.infra.yaml'), false);
    for (let i = 2; i <= MAX_RESTARTS; i++) {
      now += 1000;
      t.touched(`file:///other${i}.infra.yaml`);
      assert.equal(t.crashed(name).restart, true);
    }
    t.touched('file:///last.infra.yaml');
    const last = t.crashed(name);
    assert.equal(last.restart, false);
    assert.equal(last.message, 'The Infra YAML server crashed 5 times in 3 minutes while checking last.infra.yaml and was not restarted. That design is not checked until you check it again or reopen it.');
    assert.deepEqual(last.actions, ['Check It Again', 'Restart', 'Show Log']);
  });

  it('a crash right after another has no suspect (the suspect was set aside): no design is named', () => {
    const t = new CrashTracker(() => 0);
    t.touched('file:///a.infra.yaml');
    t.crashed(name);
    const d = t.crashed(name);
    assert.equal(d.suspect, undefined);
    assert.equal(d.message, 'The Infra YAML server crashed and was restarted.');
    assert.deepEqual(d.actions, ['Show Log']);
  });

  it('checking a design again, or closing it, ends setting it aside', () => {
    const t = new CrashTracker(() => 0);
    t.touched('file:///a.infra.yaml');
    t.crashed(name);
    t.checkAgain('file:///a.infra.yaml');
    assert.equal(t.isSetAside('file:///a.infra.yaml'), false);
    t.touched('file:///b.infra.yaml');
    t.crashed(name);
    t.closed('file:///b.infra.yaml');
    assert.equal(t.isSetAside('file:///b.infra.yaml'), false);
  });

  it('crashes far apart do not add up, and a closed document is no longer the suspect', () => {
    let now = 0;
    const t = new CrashTracker(() => now);
    for (let i = 0; i < 10; i++) {
      now += CRASH_WINDOW_MS + 1;
      t.touched(`file:///a${i}.infra.yaml`);
      assert.equal(t.crashed().restart, true);
    }
    t.touched('file:///b.infra.yaml');
    t.closed('file:///b.infra.yaml');
    const d = t.crashed();
    assert.equal(d.suspect, undefined);
    assert.equal(d.message, 'The Infra YAML server crashed and was restarted.');
  });
});
