/** The `infraYaml` settings, pulled from the client per document and cached until they change. */
import type { Connection } from 'vscode-languageserver';
import type { RuleSettings } from '../analysis/analyze';
import { isRuleCode, Severity } from '../analysis/findings';

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads `rules: { code: severity }`; unknown codes and levels are ignored (`info` means information). */
export function parseRuleSettings(raw: unknown): RuleSettings {
  const out: RuleSettings = {};
  const rules = (raw as { rules?: unknown } | null)?.rules;
  if (!rules || typeof rules !== 'object') return out;
  for (const [code, level] of Object.entries(rules as Record<string, unknown>)) {
    const l = level === 'info' ? 'information' : level;
    if (isRuleCode(code) && typeof l === 'string' && LEVELS.has(l)) out[code] = l as Severity | 'off';
  }
  return out;
}

export class Settings {
  private readonly cache = new Map<string, Promise<RuleSettings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  rules(uri: string): Promise<RuleSettings> {
    if (!this.supported) return Promise.resolve({});
    let p = this.cache.get(uri);
    if (p === undefined) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'infraYaml' }).then(parseRuleSettings, () => ({}));
      this.cache.set(uri, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
