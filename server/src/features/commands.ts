/**
 * Commands for every client. VS Code runs its own (the extension says which
 * in `initializationOptions.commands`); any other client gets the server's,
 * through workspace/executeCommand: "Explain" opens the rule page with
 * window/showDocument (offered only when the client supports it) and the
 * summary lens shows its text as a message.
 */
import { Connection, InitializeParams, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { CommandIds } from '../analysis/languageService';
import { isRuleCode } from '../analysis/findings';

export const SERVER_COMMANDS = { explain: 'infra-yaml.explainRule', summary: 'infra-yaml.showSummary' } as const;

export interface InitOptions {
  /** Commands the client runs itself (the VS Code extension lists its own). */
  readonly commands?: readonly string[];
  /** Absolute base URL of the rule pages (overrides INFRA_YAML_DOCS_BASE and the installed docs). */
  readonly docsBase?: string;
}

/** Which commands actions and lenses carry for this client; whether the server must run them. */
export function commandsFor(params: InitializeParams): { ids: CommandIds; served: string[] } {
  const own = new Set((params.initializationOptions as InitOptions | undefined)?.commands ?? []);
  const showDocument = !!params.capabilities.window?.showDocument?.support;
  const explain = own.has('infraYaml.explainRule') ? 'infraYaml.explainRule' : showDocument ? SERVER_COMMANDS.explain : null;
  const summary = own.has('workbench.actions.view.problems') ? 'workbench.actions.view.problems' : SERVER_COMMANDS.summary;
  const served = [explain, summary].filter((c): c is string => c === SERVER_COMMANDS.explain || c === SERVER_COMMANDS.summary);
  return { ids: { explain, summary }, served };
}

/** The docs base from initializationOptions, when it is an absolute URL. */
export function docsBaseFrom(params: InitializeParams): string | undefined {
  const base = (params.initializationOptions as InitOptions | undefined)?.docsBase;
  if (typeof base !== 'string') return undefined;
  try { return new URL(base).href.replace(/\/+$/, ''); } catch { return undefined; }
}

export function registerServerCommands(connection: Connection, docsBase: () => string): void {
  connection.onExecuteCommand(async (p) => {
    const [arg] = p.arguments ?? [];
    if (p.command === SERVER_COMMANDS.explain && typeof arg === 'string' && isRuleCode(arg)) {
      const uri = `${docsBase()}/${arg}.md`;
      await connection.window.showDocument({ uri, external: /^https?:/.test(uri), takeFocus: true });
    } else if (p.command === SERVER_COMMANDS.summary && typeof arg === 'string') {
      // A notification: nothing to answer (showInformationMessage is a request in this library).
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: arg });
    }
    return null;
  });
}
