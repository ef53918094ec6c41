// The one static snippet: a suppression comment. Static snippets show in every completion list
// VS Code opens, so the file holds only what fits anywhere and whose prefix no word of a design
// starts with (issue 9: a list open at a finished line's end turns Enter into an insertion).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISABLE_NEXT_LINE, parseSuppressions } from '../../server/src/analysis/suppress';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = path.join(ROOT, 'snippets/infra-yaml.code-snippets');

interface Snippet { prefix: string | string[]; body: string[]; description: string }

describe('snippets/infra-yaml.code-snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, Snippet>;

  it('is contributed for the infra-yaml language and packed', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'infra-yaml', path: './snippets/infra-yaml.code-snippets' }]);
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!snippets\/\*\*$/m);
  });

  it('holds only the suppression comment, which expands to a comment the server honours', () => {
    assert.deepEqual(Object.keys(snippets), ['Suppress a finding on the next line']);
    const s = snippets['Suppress a finding on the next line']!;
    const expanded = s.body.join('\n').replace(/\$\{1:[^}]*\}/, 'missing-firewall');
    assert.ok(expanded.startsWith(`# ${DISABLE_NEXT_LINE} `));
    const parsed = parseSuppressions(`${expanded}\nservers: {}\n`);
    assert.equal(parsed.length, 1);
    assert.deepEqual([...parsed[0]!.codes], ['missing-firewall']);
  });

  it('has a prefix that no key, kind or keyword of the reference designs fuzzy-matches', () => {
    const prefixes = ([] as string[]).concat(...Object.values(snippets).map((s) => s.prefix));
    const words = new Set<string>();
    for (const f of fs.readdirSync(path.join(ROOT, 'test/fixtures/designs'))) {
      const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/designs', f), 'utf8').replace(/#.*$/gm, '');
      for (const w of text.match(/[A-Za-z][\w-]*/g) ?? []) words.add(w);
    }
    // A typed word shows a snippet when its letters appear in order in the prefix.
    const subsequence = (w: string, p: string): boolean => { let i = 0; for (const c of p) if (c === w[i]) i++; return i === w.length; };
    for (const p of prefixes) {
      const hits = [...words].filter((w) => w.length > 1 && subsequence(w.toLowerCase(), p));
      assert.deepEqual(hits, [], `typing ${hits.join(', ')} would show the snippet "${p}"`);
    }
  });
});
