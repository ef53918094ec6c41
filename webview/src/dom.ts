/**
 * DOM and SVG construction helpers. Every string from the design goes in
 * through `textContent` or `setAttribute`, never through HTML parsing, so a
 * name like `<img src=x onerror=alert(1)>` is shown literally and runs nothing.
 */
export const SVG_NS = 'http://www.w3.org/2000/svg';

type Attrs = Readonly<Record<string, string | number | undefined>>;

function setAttrs(e: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, String(v));
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, parent?: Element, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  if (text !== undefined) e.textContent = text;
  parent?.appendChild(e);
  return e;
}

export function html<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, parent?: Element, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  if (text !== undefined) e.textContent = text;
  parent?.appendChild(e);
  return e;
}

/** A `<title>` child: the tooltip (and accessible description) of an SVG element. */
export function tooltip(parent: Element, text: string): void {
  svg('title', {}, parent, text);
}
