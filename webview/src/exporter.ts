/**
 * Export: a standalone copy of the diagram (no dots, no zoom) with the
 * computed theme colours inlined, as SVG text or rasterised to PNG on a
 * canvas (through a blob: image, which the CSP allows for images only).
 */
import type { Layout } from '../../common/layout/layout';

const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'display'] as const;

/**
 * Light colours whatever the editor's theme (a picture for a document or a
 * slide); the SVG and the PNG are made from this one text, so they show the
 * same moment and the same numbers.
 */
export function exportSvg(source: SVGSVGElement, layout: Layout): string {
  const clone = source.cloneNode(true) as SVGSVGElement;
  document.body.classList.add('export-light');
  try { inlineStyles(source, clone); } finally { document.body.classList.remove('export-light'); }
  clone.querySelector('.dots')?.remove();
  clone.querySelector('.viewport')?.removeAttribute('transform');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.ceil(layout.width)));
  clone.setAttribute('height', String(Math.ceil(layout.height)));
  clone.setAttribute('viewBox', `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`);
  clone.style.background = '#ffffff';
  return new XMLSerializer().serializeToString(clone);
}

function inlineStyles(from: Element, to: Element): void {
  const style = getComputedStyle(from);
  // CSSOM, not a style attribute: the strict CSP refuses inline style attributes.
  if (to instanceof SVGElement) for (const p of PROPS) to.style.setProperty(p, style.getPropertyValue(p));
  for (let i = 0; i < from.children.length; i++) inlineStyles(from.children[i]!, to.children[i]!);
}

/** PNG as a data URL, at 2× for sharp text. */
export async function exportPng(svgText: string, layout: Layout): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('the SVG did not load as an image')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(layout.width * 2);
    canvas.height = Math.ceil(layout.height * 2);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
