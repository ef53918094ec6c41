// The client's crash policy: which document to name, when to stop restarting.
import * as assert from 'node:assert/strict';
import { CRASH_WINDOW_MS, CrashTracker, MAX_RESTARTS } from '../../client/src/crashes';

describe('client crash handling', () => {
  it('names the document sent last, restarts four times, then stops and offers to close it', () => {
    let now = 0;
    const t = new CrashTracker(() => now);
    t.touched('file:///a.infra.yaml');
    t.touched('file:///huge.infra.yaml');
    const name = (u: string): string => u.replace('file:///', '');
    for (let i = 1; i <= MAX_RESTARTS; i++) {
      now += 1000;
      const d = t.crashed(name);
      assert.equal(d.restart, true);
      assert.equal(d.suspect, 'file:///huge.infra.yaml');
      assert.equal(d.message, 'The Infra YAML server crashed while checking huge.infra.yaml and was restarted.');
      assert.match(d.log, new RegExp(`while checking huge.infra.yaml \\(crash ${i} in the last 3 minutes\\); restarting it`));
    }
    const last = t.crashed(name);
    assert.equal(last.restart, false);
    assert.equal(last.message, 'The Infra YAML server crashed 5 times while checking huge.infra.yaml and was not restarted. Close that design and restart the server?');
  });

  it('crashes far apart do not add up, and a closed document is no longer the suspect', () => {
    let now = 0;
    const t = new CrashTracker(() => now);
    t.touched('file:///a.infra.yaml');
    for (let i = 0; i < 10; i++) {
      now += CRASH_WINDOW_MS + 1;
      assert.equal(t.crashed().restart, true);
    }
    t.closed('file:///a.infra.yaml');
    const d = t.crashed();
    assert.equal(d.suspect, undefined);
    assert.equal(d.message, 'The Infra YAML server crashed and was restarted.');
  });
});
