/**
 * The CLI's subcommands besides checking: `graph` writes the diagram of a
 * design (Mermaid, DOT, D2, draw.io, SVG) and `explain` writes the design's
 * explanation as Markdown. Kept apart from cli.ts's own options so each can
 * change on its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeText } from '../analysis/analyze';
import { explainDesign } from '../analysis/explain/explain';
import { ruleDocs } from '../features/ruleDocs';
import { buildDiagram } from '../analysis/view/diagram';
import { GRAPH_FORMATS, isGraphFormat, writeDiagram } from '../analysis/view/writers';

export const SUBCOMMAND_USAGE = `       infra-yaml-check graph --format ${GRAPH_FORMATS.join('|')} [-o OUT] FILE
                             the design's diagram (default format mermaid), to OUT or stdout
       infra-yaml-check explain [-o OUT.md] FILE
                             the design explained in Markdown (with OUT.svg beside OUT.md), to OUT or stdout`;

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s + '\n') };

/** Runs a subcommand if argv names one (its exit code), else undefined. */
export function runSubcommand(argv: readonly string[], io: Io = stdio): Promise<number> | undefined {
  if (argv[0] === 'graph') return graph(argv.slice(1), io);
  if (argv[0] === 'explain') return explain(argv.slice(1), io);
  return undefined;
}

async function graph(argv: readonly string[], io: Io): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: 'string', short: 'f', default: 'mermaid' }, output: { type: 'string', short: 'o' } } }));
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${SUBCOMMAND_USAGE}`);
    return 2;
  }
  const format = values.format;
  if (!isGraphFormat(format)) { io.err(`bad --format '${format}': one of ${GRAPH_FORMATS.join(', ')}`); return 2; }
  if (positionals.length !== 1) { io.err(`graph takes one FILE\n${SUBCOMMAND_USAGE}`); return 2; }
  const file = positionals[0]!;
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { io.err(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`); return 2; }
  const output = await writeDiagram(buildDiagram(analyzeText(text)), format);
  return emit(output, values.output, io);
}

function emit(output: string, to: string | undefined, io: Io): number {
  if (to === undefined) { io.out(output); return 0; }
  try { writeFileSync(to, output); } catch (e) { io.err(`cannot write ${to}: ${e instanceof Error ? e.message : String(e)}`); return 2; }
  return 0;
}

async function explain(argv: readonly string[], io: Io): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { output: { type: 'string', short: 'o' } } }));
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${SUBCOMMAND_USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) { io.err(`explain takes one FILE\n${SUBCOMMAND_USAGE}`); return 2; }
  const file = positionals[0]!;
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { io.err(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`); return 2; }
  const a = analyzeText(text);
  const svg = await writeDiagram(buildDiagram(a), 'svg');
  const out = values.output;
  if (out === undefined) {
    const diagram = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
    io.out(explainDesign(a, { file: basename(file), diagram, docs: ruleDocs() }) + '\n');
    return 0;
  }
  const svgFile = out.replace(/\.md$/i, '') + '.svg';
  const md = explainDesign(a, { file: relative(dirname(out), file) || basename(file), diagram: basename(svgFile), docs: ruleDocs() });
  return emit(svg, svgFile, io) || emit(md + '\n', out, io);
}
