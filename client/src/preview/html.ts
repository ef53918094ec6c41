/**
 * The preview's HTML with its Content Security Policy, built explicitly:
 * nothing by default, the script only by a fresh nonce, styles, fonts and
 * images only from the webview's own resource origin. `blob:` images let the
 * PNG export rasterise the SVG locally. The layout worker's script is
 * fetched from the resource origin (`connect-src`) and started from a `blob:`
 * URL (`worker-src`), since a webview cannot start a worker from that origin
 * directly (webview/src/layoutClient.ts). Nothing remote is ever allowed.
 * Pure (no `vscode` or Node import) so the browser tests serve the same
 * page and the web extension uses it too.
 */
export interface PreviewHtmlParts {
  /** `webview.cspSource`: the origin of the extension's local resources. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The layout worker's script (dist/layoutWorker.js); without it the page lays out itself. */
  readonly workerUri?: string;
  /** Extra script run before the bundle, with the same nonce (tests stub `acquireVsCodeApi` here). */
  readonly preamble?: string;
}

const NONCE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24 characters from the Web Crypto random source (Node 20 and every browser have it). */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => NONCE_CHARS[b % NONCE_CHARS.length]).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function previewHtml(p: PreviewHtmlParts): string {
  const preamble = p.preamble ? `<script nonce="${p.nonce}">${p.preamble}</script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(p.styleUri)}">
<title>Infra YAML preview</title>
</head>
<body${p.workerUri ? ` data-layout-worker="${escapeAttr(p.workerUri)}"` : ''}>
<div id="app"></div>
${preamble}
<script nonce="${p.nonce}" src="${escapeAttr(p.scriptUri)}"></script>
</body>
</html>`;
}
