/**
 * Turns the CLI's arguments into the designs to check: files, directories
 * (every *.infra.yaml / *.infra.yml below them), glob patterns and `-` for
 * standard input. Unreadable inputs are collected, not thrown, so that one bad
 * path does not stop the others from being checked.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface Input {
  /** As reported: relative to the working directory when below it. */
  readonly file: string;
  readonly text: string;
}

export interface InputProblem {
  readonly file: string;
  readonly message: string;
}

const DESIGNS = '**/*.infra.{yaml,yml}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function expand(arg: string, cwd: string): string[] | InputProblem {
  let isDir = false;
  try { isDir = statSync(resolve(cwd, arg)).isDirectory(); } catch { /* not a path: maybe a pattern */ }
  if (isDir) {
    const files = globSync(DESIGNS, { cwd: resolve(cwd, arg), absolute: true, ignore: IGNORE, expandDirectories: false });
    return files.length ? files.sort() : { file: arg, message: 'no *.infra.yaml file in this directory' };
  }
  if (isDynamicPattern(arg)) {
    const files = globSync(arg, { cwd, absolute: true, ignore: IGNORE, expandDirectories: false, onlyFiles: true });
    return files.length ? files.sort() : { file: arg, message: 'no file matches this pattern' };
  }
  return [arg];
}

export function readInputs(args: readonly string[], opts: { cwd: string; stdinName: string; readStdin: () => string }): { inputs: Input[]; problems: InputProblem[] } {
  const inputs: Input[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      try { inputs.push({ file: opts.stdinName, text: opts.readStdin() }); } catch (e) { problems.push({ file: opts.stdinName, message: errorText(e) }); }
      continue;
    }
    const files = expand(arg, opts.cwd);
    if (!Array.isArray(files)) { problems.push(files); continue; }
    for (const f of files) {
      const abs = resolve(opts.cwd, f);
      const file = display(abs, opts.cwd);
      if (seen.has(abs)) continue;
      seen.add(abs);
      try { inputs.push({ file, text: readFileSync(abs, 'utf8') }); } catch (e) { problems.push({ file, message: errorText(e) }); }
    }
  }
  return { inputs, problems };
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(e);
}
