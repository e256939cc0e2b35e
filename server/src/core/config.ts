import { closest } from 'fastest-levenshtein';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import type { RuleMeta } from './rule';
import type { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = 'kpi.config.yaml';

export interface RuleSetting {
  readonly severity?: SeveritySetting;
  readonly options: Readonly<Record<string, number>>;
}

/** SPEC §5.3, §5.4: how wide the bands of the status are. */
export interface StatusSettings {
  /** Below the planned value by up to this share of |target − baseline|: at risk. */
  readonly atRiskBand: number;
  /** Without a plan, within this share of |target|: at risk. */
  readonly nearTarget: number;
}

export const DEFAULT_STATUS_SETTINGS: StatusSettings = { atRiskBand: 0.25, nearTarget: 0.1 };

export interface Config {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** Glob patterns, relative to the configuration's folder, of files not to lint. */
  readonly ignore: readonly string[];
  readonly status: StatusSettings;
}

export const EMPTY_CONFIG: Config = { rules: new Map(), ignore: [], status: DEFAULT_STATUS_SETTINGS };

const KEYS = ['rules', 'ignore', 'status'];

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `kpi.config.yaml`. Problems are returned as sentences that name the
 * key and what is allowed; the parts that are valid still apply.
 */
export function parseConfig(text: string, catalog: readonly RuleMeta[]): { config: Config; problems: string[] } {
  const problems: string[] = [];
  const document = parseDocument(text, { uniqueKeys: true, logLevel: 'error' }); // yaml's warnings stay off stderr
  if (document.errors.length > 0) {
    return { config: EMPTY_CONFIG, problems: document.errors.map((e) => `invalid YAML: ${e.message.split('\n')[0]}`) };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { config: EMPTY_CONFIG, problems: [`could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (data === null || data === undefined) return { config: EMPTY_CONFIG, problems };
  if (!isRecord(data)) return { config: EMPTY_CONFIG, problems: ['must be a mapping with `rules`, `ignore` and `status`'] };

  for (const key of Object.keys(data)) {
    if (!KEYS.includes(key) && !key.startsWith('x-')) problems.push(`unknown key \`${key}\`; allowed: ${KEYS.join(', ')}`);
  }
  const ignore: string[] = [];
  if (data.ignore !== undefined) {
    if (!Array.isArray(data.ignore)) problems.push('`ignore` must be a list of glob patterns');
    else {
      data.ignore.forEach((pattern: unknown, i) => {
        const problem = globProblem(pattern);
        if (problem) problems.push(`\`ignore[${i}]\`: ${problem}`);
        else ignore.push(pattern as string);
      });
    }
  }
  const rules = new Map<string, RuleSetting>();
  if (data.rules !== undefined && data.rules !== null && !isRecord(data.rules)) problems.push('`rules` must be a mapping of rule ids to settings');
  const byId = new Map(catalog.map((m) => [m.id, m]));
  for (const [id, value] of Object.entries(isRecord(data.rules) ? data.rules : {})) {
    const meta = byId.get(id);
    if (!meta) {
      problems.push(`unknown rule \`${id}\` (did you mean \`${closest(id, [...byId.keys()])}\`?)`);
      continue;
    }
    const setting = readSetting(meta, value, problems);
    if (setting) rules.set(id, setting);
  }
  return { config: { rules, ignore, status: readStatusSettings(data.status, problems) }, problems };
}

/** `status: { atRiskBand, nearTarget }`: shares of a gap, each from 0 to 1; a bad one keeps its default. */
function readStatusSettings(value: unknown, problems: string[]): StatusSettings {
  if (value === undefined || value === null) return DEFAULT_STATUS_SETTINGS;
  if (!isRecord(value)) {
    problems.push('`status` must be a mapping with `atRiskBand` and `nearTarget`');
    return DEFAULT_STATUS_SETTINGS;
  }
  const settings: Record<string, number> = { ...DEFAULT_STATUS_SETTINGS };
  for (const [key, setting] of Object.entries(value)) {
    if (!(key in DEFAULT_STATUS_SETTINGS)) {
      problems.push(`\`status\` has no setting \`${key}\`; allowed: ${Object.keys(DEFAULT_STATUS_SETTINGS).join(', ')}`);
    } else if (typeof setting === 'number' && Number.isFinite(setting) && setting >= 0 && setting <= 1) {
      settings[key] = setting;
    } else {
      problems.push(`\`status.${key}\` must be a number from 0 to 1 (a share: 0.25 is a quarter), not ${JSON.stringify(setting)}`);
    }
  }
  return settings as unknown as StatusSettings;
}

/** What is wrong with an `ignore` entry, if anything: each must be a glob pattern picomatch can compile. */
function globProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return `must be a glob pattern, not ${JSON.stringify(pattern) ?? String(pattern)}`;
  if (pattern === '') return 'an empty pattern matches nothing: remove it';
  try {
    picomatch.makeRe(pattern);
  } catch (error) {
    return `is not a glob pattern (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

function readSetting(meta: RuleMeta, value: unknown, problems: string[]): RuleSetting | undefined {
  const badSeverity = (v: unknown) => `\`rules.${meta.id}\`: severity must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(v)}`;
  if (typeof value === 'string') {
    if (SEVERITIES.includes(value)) return { severity: value as SeveritySetting, options: {} };
    problems.push(badSeverity(value));
    return undefined;
  }
  if (!isRecord(value)) {
    problems.push(`\`rules.${meta.id}\` must be a severity (${SEVERITIES.join(', ')}) or a mapping with \`severity\` and options`);
    return undefined;
  }
  let severity: SeveritySetting | undefined;
  const options: Record<string, number> = {};
  for (const [key, option] of Object.entries(value)) {
    if (key === 'severity') {
      if (typeof option === 'string' && SEVERITIES.includes(option)) severity = option as SeveritySetting;
      else problems.push(badSeverity(option));
    } else if (meta.options && key in meta.options) {
      if (typeof option === 'number' && Number.isInteger(option) && option >= 0) options[key] = option;
      else problems.push(`\`rules.${meta.id}.${key}\` must be a whole number of 0 or more, not ${JSON.stringify(option)}`);
    } else {
      const allowed = ['severity', ...Object.keys(meta.options ?? {})];
      problems.push(`\`rules.${meta.id}\` has no option \`${key}\`; allowed: ${allowed.join(', ')}`);
    }
  }
  return { severity, options };
}
