/**
 * The language status item (the `{}` in the status bar for Infra YAML files):
 * the server's state, when it last analysed a file, and a link to the
 * output channel. Also the "Restart Language Server" command.
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, State } from 'vscode-languageclient';

export const RESTART_SERVER = 'infraYaml.restartServer';
export const SHOW_OUTPUT = 'infraYaml.showOutput';

/** What the item shows, for the extension's test API. */
export interface StatusSnapshot {
  readonly state: 'starting' | 'running' | 'stopped';
  readonly text: string;
  readonly detail: string;
  /** When diagnostics last arrived (ms since epoch), 0 before the first. */
  readonly lastAnalysis: number;
}

const STATE_NAMES: Record<State, StatusSnapshot['state']> = { [State.Starting]: 'starting', [State.Running]: 'running', [State.Stopped]: 'stopped', [State.StartFailed]: 'stopped' };

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('infraYaml.server', { language: 'infra-yaml' });
  private state: StatusSnapshot['state'] = 'starting';
  private lastAnalysis = 0;
  private lastFile = '';
  private aside: string | undefined;

  constructor() {
    this.item.name = 'Infra YAML language server';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT, tooltip: 'Open the Infra YAML output channel' };
    this.render();
  }

  /** Follows the client's state changes. */
  watch(client: BaseLanguageClient): vscode.Disposable {
    return client.onDidChangeState((e) => { this.state = STATE_NAMES[e.newState]; this.render(); });
  }

  /** Called for every diagnostics publication. */
  analysed(uri: vscode.Uri): void {
    this.lastAnalysis = Date.now();
    this.lastFile = vscode.workspace.asRelativePath(uri);
    this.render();
  }

  /** A design that made the server crash and is kept from it (undefined: none, or checked again). */
  setAside(name: string | undefined): void {
    this.aside = name;
    this.render();
  }

  snapshot(): StatusSnapshot {
    return { state: this.state, text: this.item.text, detail: this.item.detail ?? '', lastAnalysis: this.lastAnalysis };
  }

  private render(): void {
    const icon = this.state === 'running' ? '$(check)' : this.state === 'starting' ? '$(sync~spin)' : '$(error)';
    this.item.text = `${icon} Infra YAML ${this.state}`;
    this.item.busy = this.state === 'starting';
    this.item.severity = this.state === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    const last = this.lastAnalysis ? `last analysis ${new Date(this.lastAnalysis).toLocaleTimeString()} (${this.lastFile})` : 'no file analysed yet';
    this.item.detail = this.aside ? `${last}; ${this.aside} is not checked: it made the server crash` : last;
  }

  dispose(): void {
    this.item.dispose();
  }
}
