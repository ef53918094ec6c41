// Writes schemas/infra-yaml.schema.json (JSON Schema draft-07 of format 1)
// from the vocabulary, the same source validation, completion and hover use,
// for the Red Hat YAML extension and any yaml-language-server client.
// `--check` exits 1 when the committed schema is out of date (npm test).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = 'schemas/infra-yaml.schema.json';
const bundle = join(tmpdir(), `infra-yaml-vocabulary-${process.pid}.cjs`);
await esbuild.build({ stdin: { contents: "export * from './index'; export { DOCS } from './docs';", resolveDir: 'server/src/analysis/vocabulary', loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const V = createRequire(import.meta.url)(bundle);

const NAME = V.NAME_PATTERN.source;
const str = { type: 'string' };
const strOrList = { anyOf: [str, { type: 'array', items: str }] };
const ref = { type: 'string', pattern: NAME };

/** The schema of one value shape (maps are built by their keys below). */
function shapeSchema(shape) {
  switch (shape.type) {
    case 'version': return { const: 1 };
    case 'string': case 'software': return str;
    case 'domain': return { type: 'string', pattern: '^[A-Za-z0-9.-]+$' };
    case 'enum': return { enum: [...shape.values] };
    case 'int': return { type: 'integer', minimum: shape.min };
    case 'number': return { type: 'number', minimum: shape.min, ...(shape.max !== undefined ? { maximum: shape.max } : {}) };
    case 'size': case 'duration': return { type: ['string', 'number'] };
    case 'ip': return str;
    case 'ref': return ref;
    case 'refs': return { anyOf: [ref, { type: 'array', items: ref }] };
    case 'weights': return { type: 'object', additionalProperties: { type: 'number', minimum: 0 } };
    case 'tls': return { anyOf: [{ type: 'boolean' }, { enum: [...V.LB_TLS_MODES] }] };
    case 'firewall': return { anyOf: [{ type: 'boolean' }, { type: 'array', items: str }] };
    case 'monitoring': return { anyOf: [{ type: 'boolean' }, str] };
    case 'certificate': return strOrList;
    default: return {};
  }
}

function described(spec, schema) {
  const doc = V.DOCS[spec.doc];
  return doc ? { ...schema, description: doc.summary, markdownDescription: `**${doc.title}**\n\n${doc.body}` } : schema;
}

/** An object of the keys of `scope`; `maps` gives the schema of map-valued keys. */
function scopeObject(scope, maps = {}) {
  const properties = {};
  const required = [];
  for (const spec of V.keysOf(scope).values()) {
    properties[spec.name] = described(spec, maps[spec.name] ?? shapeSchema(spec.shape));
    if (spec.required) required.push(spec.name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** Keys that apply to some kinds only are not allowed on the other known kinds (an unknown kind is reported once, on `kind`). */
function kindRestrictions() {
  return [...V.keysOf('component').values()].filter((k) => k.kinds).map((k) => ({
    if: { properties: { kind: { enum: V.KINDS.filter((kind) => !k.kinds.includes(kind)) } }, required: ['kind'] },
    then: { properties: { [k.name]: { not: {}, description: `\`${k.name}\` applies to ${k.kinds.join(', ')} only` } } },
  }));
}

const record = { anyOf: [str, { type: 'number' }, { type: 'array', items: { type: ['string', 'number'] } }] };
const dnsName = {
  type: 'object',
  properties: Object.fromEntries(V.RECORD_TYPES.map((t) => [t, V.DOCS[`dns.${t}`] ? { ...record, description: V.DOCS[`dns.${t}`].summary } : record])),
  additionalProperties: false,
};
const component = { ...scopeObject('component', { cluster: scopeObject('cluster') }), allOf: kindRestrictions() };
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/infra-yaml/infra-yaml/raw/main/schemas/infra-yaml.schema.json',
  title: 'Infra YAML, format 1',
  description: 'A web-infrastructure design (*.infra.yaml). Generated from the vocabulary by scripts/gen-schema.mjs; the design rules (single points of failure, TLS, DNS...) need the Infra YAML language server.',
  ...scopeObject('top', {
    traffic: scopeObject('traffic'),
    dns: { type: 'object', additionalProperties: dnsName },
    servers: { type: 'object', propertyNames: { pattern: NAME }, additionalProperties: scopeObject('server') },
    components: { type: 'object', propertyNames: { pattern: NAME }, additionalProperties: component },
  }),
};

const text = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let have = '';
  try { have = readFileSync(OUT, 'utf8'); } catch { /* missing */ }
  if (have !== text) {
    console.error(`${OUT} is out of date: run node scripts/gen-schema.mjs`);
    process.exit(1);
  }
} else writeFileSync(OUT, text);
