/**
 * The Infra YAML language server for Node: makes the connection (stdio or
 * IPC, from the command line) and hands it to the shared wiring.
 * Run standalone with `node dist/server.js --stdio` for any LSP client.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { exitOnFramingErrors } from './features/framing';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
const docsBase = process.env.INFRA_YAML_DOCS_BASE ?? pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules')).href;

process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));

// Over stdio a framing error would leave us alive but deaf: exit instead.
if (process.argv.includes('--stdio')) exitOnFramingErrors(process.stdin, (m) => process.stderr.write(`${m}\n`), (code) => process.exit(code));

startServer(connection, { docsBase });
