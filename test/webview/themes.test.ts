// The preview under VS Code's light, dark and high-contrast themes: the
// webview only uses `var(--vscode-…)` colours, so the themes are emulated by
// setting those variables on <html> as VS Code does (and, for high contrast,
// forced colours). Saves a screenshot per theme and checks that text on
// cards and frames keeps a WCAG contrast ratio of at least 4.5.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';

/** A subset of the Dark Modern and Dark High Contrast themes' colours. */
export const THEMES: Record<string, { body: string; forced: boolean; vars: Record<string, string> }> = {
  light: { body: 'vscode-light', forced: false, vars: {} },
  dark: {
    body: 'vscode-dark', forced: false,
    vars: {
      'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', 'panel-border': '#2b2b2b',
      'editorWidget-background': '#202020', focusBorder: '#0078d4', 'editorError-foreground': '#f14c4c', 'editorWarning-foreground': '#cca700',
      'editorInfo-foreground': '#3794ff', 'charts-green': '#89d185', 'charts-blue': '#3794ff', 'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc', 'input-background': '#313131', 'input-foreground': '#cccccc',
      'inputValidation-warningBackground': '#352a05', 'inputValidation-errorBackground': '#5a1d1d',
    },
  },
  'high-contrast': {
    body: 'vscode-high-contrast', forced: false,
    vars: {
      'editor-foreground': '#ffffff', 'editor-background': '#000000', descriptionForeground: '#ffffff', 'panel-border': '#6fc3df',
      'editorWidget-background': '#0c141f', focusBorder: '#f38518', contrastBorder: '#6fc3df', 'editorError-foreground': '#f48771',
      'editorWarning-foreground': '#cca700', 'editorInfo-foreground': '#3794ff', 'charts-green': '#89d185', 'charts-blue': '#3794ff',
      'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'input-background': '#000000', 'input-foreground': '#ffffff',
    },
  },
};

// Windows high contrast: the same theme, with the system's forced colours on top.
THEMES['forced-colors'] = { ...THEMES['high-contrast']!, forced: true };

/** Text elements and the shape each is drawn on (`null`: the page background). */
const PAIRS: readonly [string, string, string | null][] = [
  ['node label', '.node[data-id="c:web-1"] .label', '.node[data-id="c:web-1"] .card'],
  ['node detail line', '.node[data-id="c:web-1"] .sub', '.node[data-id="c:web-1"] .card'],
  ['live load', '.node[data-id="c:web-1"] .load', '.node[data-id="c:web-1"] .card'],
  ['badge', '.node[data-id="c:lb-1"] .badge text', '.node[data-id="c:lb-1"] .card'],
  ['frame label', '.group .frame-label', null],
];

type Rgb = [number, number, number];

function parse(colour: string): Rgb {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(colour);
  assert.ok(m, `a computed colour: ${colour}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export async function applyTheme(page: Page, name: string): Promise<void> {
  const theme = THEMES[name]!;
  if (theme.forced) await page.emulateMedia({ forcedColors: 'active' });
  await page.evaluate(({ vars, body }) => {
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
    document.body.classList.add(body);
  }, { vars: theme.vars, body: theme.body });
}

async function colours(page: Page, text: string, under: string | null): Promise<[string, string]> {
  return page.evaluate(([t, u]) => {
    const fill = (sel: string): string => getComputedStyle(document.querySelector(sel)!).fill;
    return [fill(t!), u ? fill(u) : getComputedStyle(document.body).backgroundColor];
  }, [text, under] as const);
}

describe('preview themes (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;

  previewSuite((b, s) => { browser = b; server = s; });

  for (const name of Object.keys(THEMES)) {
    it(`keeps text readable in the ${name} theme`, async () => {
      const { page, errors } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '3-scaled-up.infra.yaml'), 'utf8'));
      await applyTheme(page, name);
      await page.screenshot({ path: path.join(RESULTS, `theme-${name}.png`) });
      const low: string[] = [];
      for (const [what, text, under] of PAIRS) {
        const [fg, bg] = await colours(page, text, under);
        const ratio = contrast(parse(fg), parse(bg));
        if (ratio < 4.5) low.push(`${what}: ${fg} on ${bg} = ${ratio.toFixed(2)}`);
      }
      assert.deepEqual(low, [], 'contrast below 4.5');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
