/**
 * `infra-yaml-check`: the analysis core on the command line, for CI
 * pipelines and pre-commit hooks. Prints findings as text, JSON or SARIF
 * 2.1.0 (for code-scanning dashboards) on stdout; errors go to stderr.
 * Exit codes: 0 nothing at or above `--fail-on`; 1 a finding at or above it;
 * 2 bad usage or an input that could not be read (the others are still checked).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RuleSettings } from './analysis/analyze';
import { isRuleCode, Severity } from './analysis/findings';
import { checkFile, FileResult, terminalSafe, toJson, toText } from './cli/check';
import { InputProblem, readInputs } from './cli/inputs';
import { absoluteBase, toSarif } from './cli/sarif';
import { runSubcommand, SUBCOMMAND_USAGE } from './cli/subcommands';
import { VERSION } from './version';

export { checkFile, terminalSafe, toText } from './cli/check';
export { artifactUri, toSarif } from './cli/sarif';

const USAGE = `usage: infra-yaml-check [options] PATH...
PATH is a design file, a directory (every *.infra.yaml / *.infra.yml below it),
a glob pattern such as 'designs/**/*.infra.yaml', or - for standard input.
  --format text|json|sarif   output format (default text)
  --fail-on error|warning|information|hint|never
                             lowest severity that makes the exit code 1 (default error)
  --rule CODE=LEVEL          set a rule's severity (error, warning, information, hint, off); repeatable
  --docs-base URL            absolute URL of the rule pages, for SARIF helpUri (URL/CODE.md)
  --stdin-filename NAME      the name to report for - (default <stdin>)
  --version                  print the version and exit
  -h, --help                 this text
exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 bad usage or unreadable input
${SUBCOMMAND_USAGE}`;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export interface CliIo {
  /** The report (stdout). */
  readonly out: (s: string) => void;
  /** Errors and warnings (stderr). */
  readonly err: (s: string) => void;
  readonly readStdin: () => string;
  readonly cwd: string;
}

const PROCESS_IO: CliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readStdin: () => readFileSync(0, 'utf8'),
  cwd: process.cwd(),
};

interface Options {
  readonly format: 'text' | 'json' | 'sarif';
  readonly threshold: number;
  readonly settings: RuleSettings;
  readonly docsBase: string | undefined;
  readonly stdinName: string;
  readonly paths: readonly string[];
}

/** The options, or the message that explains why they are wrong. */
function parseOptions(argv: readonly string[]): Options | { usage: string } | { info: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' }, rule: { type: 'string', multiple: true },
        'docs-base': { type: 'string' }, 'stdin-filename': { type: 'string', default: '<stdin>' },
        help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' },
      },
    });
  } catch (e) {
    return { usage: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.version) return { info: VERSION };
  if (values.help) return { info: USAGE };
  if (positionals.length === 0) return { usage: 'no PATH given' };
  const settings: RuleSettings = {};
  for (const r of values.rule ?? []) {
    const [code, level] = r.split('=');
    if (!code || !isRuleCode(code) || !level || !LEVELS.includes(level)) return { usage: `bad --rule '${r}': write CODE=LEVEL` };
    settings[code] = level as Severity | 'off';
  }
  const failOn = values['fail-on'];
  if (failOn !== 'never' && !(failOn in RANK)) return { usage: `bad --fail-on '${failOn}'` };
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return { usage: `bad --format '${format}'` };
  const rawBase = values['docs-base'];
  const docsBase = rawBase === undefined ? undefined : absoluteBase(rawBase);
  if (rawBase !== undefined && !docsBase) return { usage: `bad --docs-base '${rawBase}': give an absolute URL such as https://example.com/docs/rules` };
  return { format, threshold: failOn === 'never' ? -1 : RANK[failOn as Severity], settings, docsBase, stdinName: values['stdin-filename'], paths: positionals };
}

function report(o: Options, results: readonly FileResult[], problems: readonly InputProblem[]): string {
  if (o.format === 'json') return toJson(results);
  if (o.format === 'sarif') return JSON.stringify(toSarif(results, { docsBase: o.docsBase, problems }), null, 2);
  return toText(results);
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: Partial<CliIo> = {}): number {
  const { out, err, readStdin, cwd } = { ...PROCESS_IO, ...io };
  const o = parseOptions(argv);
  if ('info' in o) { out(o.info); return 0; }
  if ('usage' in o) { err(`infra-yaml-check: ${o.usage}\n${USAGE}`); return 2; }
  const { inputs, problems } = readInputs(o.paths, { cwd, stdinName: o.stdinName, readStdin });
  for (const p of problems) err(`infra-yaml-check: cannot read ${terminalSafe(p.file)}: ${terminalSafe(p.message)}`);
  const results = inputs.map((i) => checkFile(i.file, i.text, o.settings));
  out(report(o, results, problems));
  if (problems.length) return 2;
  return results.some((r) => r.findings.some((f) => RANK[f.severity] <= o.threshold)) ? 1 : 0;
}

if (require.main === module) {
  const sub = runSubcommand(process.argv.slice(2));
  if (sub) void sub.then((code) => { process.exitCode = code; });
  else process.exitCode = main(process.argv.slice(2));
}
