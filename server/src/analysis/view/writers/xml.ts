/** XML escaping for the SVG and draw.io writers (attribute values and text alike). */
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const escapeXml = (s: string): string =>
  // Control characters other than tab and newline are not allowed in XML 1.0 at all.
  s.replace(/[&<>"']/g, (c) => ENTITY[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** `name="value"` pairs, values escaped. */
export const attrs = (a: Readonly<Record<string, string | number>>): string =>
  Object.entries(a).map(([k, v]) => `${k}="${escapeXml(String(v))}"`).join(' ');
