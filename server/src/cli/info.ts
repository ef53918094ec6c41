/** `--version` and `--help` for both bins, answered before anything else starts. */
import { VERSION } from '../version';

export const SERVER_USAGE = `usage: infra-yaml-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME
The Infra YAML language server (LSP 3.17) for any editor.
  --stdio          talk LSP over stdin/stdout (what most editors use)
  --node-ipc       talk over Node IPC (VS Code)
  --socket=PORT    connect to a socket on PORT
  --pipe=NAME      connect to a named pipe
  --version        print the version and exit
  -h, --help       this text
Environment: INFRA_YAML_DOCS_BASE  base URL of the rule pages linked from diagnostics
See https://github.com/infra-yaml/infra-yaml#other-editors`;

const TRANSPORTS = /^--(stdio|node-ipc|socket=.+|pipe=.+)$/;

/**
 * What the server bin must do before it opens a connection: print (and the
 * exit code), or undefined to start serving.
 */
export function serverPreflight(argv: readonly string[]): { out?: string; err?: string; code: number } | undefined {
  if (argv.includes('--version') || argv.includes('-v')) return { out: VERSION, code: 0 };
  if (argv.includes('--help') || argv.includes('-h')) return { out: SERVER_USAGE, code: 0 };
  if (!argv.some((a) => TRANSPORTS.test(a))) return { err: `infra-yaml-language-server: no transport given\n${SERVER_USAGE}`, code: 2 };
  return undefined;
}
