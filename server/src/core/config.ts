import { closest } from 'fastest-levenshtein';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { message, translator, type Message, type MessageKey } from './l10n/catalogue';
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

/** SPEC §8: a database connection of `kpi.config.yaml`. */
export interface ConnectionSetting {
  readonly type: 'postgres' | 'duckdb';
  /**
   * postgres: the URL as written, its `${NAME}` references not yet replaced
   * (the host replaces them when it connects, from the environment and
   * `.env`: a secret never enters the configuration nor a fingerprint).
   */
  readonly url?: string;
  /** postgres: the password, a `${NAME}` reference (never a literal). */
  readonly password?: string;
  /** duckdb: the database file, relative to the workspace root; none: in memory. */
  readonly path?: string;
  /** Seconds a query may run (default 30). */
  readonly timeout: number;
  /** The most rows a query may give (default 100,000). */
  readonly maxRows: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_ROWS = 100_000;

export interface Config {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** Glob patterns, relative to the configuration's folder, of files not to lint. */
  readonly ignore: readonly string[];
  readonly status: StatusSettings;
  /** The language of the output (SPEC §9): a locale name as written (`sv`, `sv_SE.UTF-8`), read by pickLocale. */
  readonly locale?: string;
  /** The scorecard's title (SPEC §6); without it, the single file's `title`, else "KPI scorecard". */
  readonly title?: string;
  /** The month (1–12) the fiscal year starts in, for year-to-date comparisons (SPEC §5.10). */
  readonly fiscalYearStart: number;
  /** SPEC §8: the database connections SQL sources name, by name. */
  readonly connections: ReadonlyMap<string, ConnectionSetting>;
}

export const EMPTY_CONFIG: Config = { rules: new Map(), ignore: [], status: DEFAULT_STATUS_SETTINGS, fiscalYearStart: 1, connections: new Map() };

const KEYS = ['rules', 'ignore', 'status', 'locale', 'title', 'fiscalYearStart', 'connections'];

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `kpi.config.yaml`. Problems are returned as sentences that name the
 * key and what is allowed, in English; the parts that are valid still apply.
 * readConfig gives them as messages, for a host to put in the user's language.
 */
export function parseConfig(text: string, catalog: readonly RuleMeta[]): { config: Config; problems: string[] } {
  const { config, messages } = readConfig(text, catalog);
  return { config, problems: messages.map((m) => translator('en').text(m)) };
}

/** parseConfig, its problems as catalogue messages. */
export function readConfig(text: string, catalog: readonly RuleMeta[]): { config: Config; messages: Message[] } {
  const messages: Message[] = [];
  const done = (config: Config) => ({ config, messages });
  const document = parseDocument(text, { uniqueKeys: true, logLevel: 'error' }); // yaml's warnings stay off stderr
  if (document.errors.length > 0) {
    for (const e of document.errors) messages.push(message('config.invalid-yaml', { reason: e.message.split('\n')[0] }));
    return done(EMPTY_CONFIG);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    messages.push(message('config.unreadable', { reason: error instanceof Error ? error.message : String(error) }));
    return done(EMPTY_CONFIG);
  }
  if (data === null || data === undefined) return done(EMPTY_CONFIG);
  if (!isRecord(data)) {
    messages.push(message('config.not-mapping'));
    return done(EMPTY_CONFIG);
  }
  for (const key of Object.keys(data)) {
    if (!KEYS.includes(key) && !key.startsWith('x-')) messages.push(message('config.unknown-key', { key, allowed: KEYS.join(', ') }));
  }
  const ignore: string[] = [];
  if (data.ignore !== undefined) {
    if (!Array.isArray(data.ignore)) messages.push(message('config.ignore-not-list'));
    else {
      data.ignore.forEach((pattern: unknown, i) => {
        const problem = globProblem(pattern);
        if (problem) messages.push(message('config.ignore-entry', { index: String(i), problem }));
        else ignore.push(pattern as string);
      });
    }
  }
  const rules = new Map<string, RuleSetting>();
  if (data.rules !== undefined && data.rules !== null && !isRecord(data.rules)) messages.push(message('config.rules-not-mapping'));
  const byId = new Map(catalog.map((m) => [m.id, m]));
  for (const [id, value] of Object.entries(isRecord(data.rules) ? data.rules : {})) {
    const meta = byId.get(id);
    if (!meta) {
      messages.push(message('config.unknown-rule', { id, suggestion: closest(id, [...byId.keys()]) }));
      continue;
    }
    const setting = readSetting(meta, value, messages);
    if (setting) rules.set(id, setting);
  }
  const locale = readLocale(data.locale, messages);
  const title = readTitle(data.title, messages);
  const fiscalYearStart = readFiscalYearStart(data.fiscalYearStart, messages);
  const status = readStatusSettings(data.status, messages);
  const connections = readConnections(data.connections, messages);
  return done({ rules, ignore, status, fiscalYearStart, connections, ...(locale === undefined ? {} : { locale }), ...(title === undefined ? {} : { title }) });
}

/** `${NAME}`: a reference to an environment variable, replaced when a connection is opened. */
export const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Text that is nothing but references and literal parts that are no secret: a password must be a reference alone. */
function isReference(text: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(text);
}

/** A URL's password as written (`postgres://user:PASSWORD@host`, or `?password=PASSWORD` in its query string), or undefined without one. */
export function urlPassword(url: string): string | undefined {
  const found = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^@/]*)@/i.exec(url);
  if (found && found[1] !== '') return found[1];
  const parameter = /[?&]password=([^&#]*)/i.exec(url);
  return parameter && parameter[1] !== '' ? parameter[1] : undefined;
}

/** What a connection looks like, for the messages (ICU would read its braces as placeholders: it is passed as a value). */
const CONNECTION_EXAMPLE = '`warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }`';

const CONNECTION_KEYS: Readonly<Record<ConnectionSetting['type'], readonly string[]>> = {
  postgres: ['type', 'url', 'password', 'timeout', 'maxRows'],
  duckdb: ['type', 'path', 'timeout', 'maxRows'],
};

/**
 * `connections: { warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" } }`
 * (SPEC §8). A secret written in the file — a password, or a URL with one —
 * is a problem that says to use `${NAME}`, and the connection is left out.
 */
function readConnections(value: unknown, messages: Message[]): ReadonlyMap<string, ConnectionSetting> {
  const connections = new Map<string, ConnectionSetting>();
  if (value === undefined || value === null) return connections;
  if (!isRecord(value)) {
    messages.push(message('config.connections-not-mapping', { example: CONNECTION_EXAMPLE }));
    return connections;
  }
  for (const [name, setting] of Object.entries(value)) {
    const problem = (key: MessageKey, data: Record<string, string> = {}) => messages.push(message(key, { name, ...data }));
    if (!isRecord(setting)) {
      problem('config.connection-not-mapping', { example: CONNECTION_EXAMPLE });
      continue;
    }
    const type = setting.type;
    if (type !== 'postgres' && type !== 'duckdb') {
      problem('config.connection-type', { value: String(JSON.stringify(type ?? null)) });
      continue;
    }
    const unknown = Object.keys(setting).filter((key) => !CONNECTION_KEYS[type].includes(key) && !key.startsWith('x-'));
    for (const key of unknown) problem('config.connection-unknown-key', { key, allowed: CONNECTION_KEYS[type].join(', ') });
    const text = (key: string): string | undefined => {
      const v = setting[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      problem('config.connection-not-text', { key });
      return undefined;
    };
    const count = (key: string, fallback: number): number => {
      const v = setting[key];
      if (v === undefined || v === null) return fallback;
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
      problem('config.connection-count', { key, value: String(JSON.stringify(v)) });
      return fallback;
    };
    const timeout = count('timeout', DEFAULT_TIMEOUT_SECONDS);
    const maxRows = count('maxRows', DEFAULT_MAX_ROWS);
    if (type === 'duckdb') {
      const path = text('path');
      connections.set(name, { type, timeout, maxRows, ...(path === undefined ? {} : { path }) });
      continue;
    }
    const url = text('url');
    const password = text('password');
    if (url === undefined) {
      problem('config.connection-url-missing', { example: '`url: "${KPI_WAREHOUSE_URL}"`' });
      continue;
    }
    // The secret itself is never repeated in the message.
    const literal = urlPassword(url);
    if (literal !== undefined && !isReference(literal)) {
      problem('config.connection-literal-url-password', { reference: '`${NAME}`' });
      continue;
    }
    if (password !== undefined && !isReference(password)) {
      problem('config.connection-literal-password', { reference: '`${NAME}`' });
      continue;
    }
    connections.set(name, { type, url, timeout, maxRows, ...(password === undefined ? {} : { password }) });
  }
  return connections;
}

/** `title: Acme AB — scorecard 2026`: any text that is not blank. */
function readTitle(value: unknown, messages: Message[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  messages.push(message('config.title-not-text', { value: String(JSON.stringify(value)) }));
  return undefined;
}

/** `fiscalYearStart: 5`: a month number from 1 to 12; a bad one keeps the default, January. */
function readFiscalYearStart(value: unknown, messages: Message[]): number {
  if (value === undefined || value === null) return EMPTY_CONFIG.fiscalYearStart;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 12) return value;
  messages.push(message('config.fiscal-year-start', { value: String(JSON.stringify(value)) }));
  return EMPTY_CONFIG.fiscalYearStart;
}

/** `locale: sv`: any locale name; a bad one is a problem and the language falls back to the environment's. */
function readLocale(value: unknown, messages: Message[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  messages.push(message('config.locale-not-name', { value: String(JSON.stringify(value)) }));
  return undefined;
}

/** `status: { atRiskBand, nearTarget }`: shares of a gap, each from 0 to 1; a bad one keeps its default. */
function readStatusSettings(value: unknown, messages: Message[]): StatusSettings {
  if (value === undefined || value === null) return DEFAULT_STATUS_SETTINGS;
  if (!isRecord(value)) {
    messages.push(message('config.status-not-mapping'));
    return DEFAULT_STATUS_SETTINGS;
  }
  const settings: Record<string, number> = { ...DEFAULT_STATUS_SETTINGS };
  for (const [key, setting] of Object.entries(value)) {
    if (!(key in DEFAULT_STATUS_SETTINGS)) {
      messages.push(message('config.status-unknown', { key, allowed: Object.keys(DEFAULT_STATUS_SETTINGS).join(', ') }));
    } else if (typeof setting === 'number' && Number.isFinite(setting) && setting >= 0 && setting <= 1) {
      settings[key] = setting;
    } else {
      messages.push(message('config.status-share', { key, value: String(JSON.stringify(setting)) }));
    }
  }
  return settings as unknown as StatusSettings;
}

/** What is wrong with an `ignore` entry, if anything: each must be a glob pattern picomatch can compile. */
function globProblem(pattern: unknown): Message | undefined {
  if (typeof pattern !== 'string') return message('config.glob-not-string', { value: JSON.stringify(pattern) ?? String(pattern) });
  if (pattern === '') return message('config.glob-empty');
  try {
    picomatch.makeRe(pattern);
  } catch (error) {
    return message('config.glob-invalid', { reason: error instanceof Error ? error.message : String(error) });
  }
  return undefined;
}

function readSetting(meta: RuleMeta, value: unknown, messages: Message[]): RuleSetting | undefined {
  const allowed = SEVERITIES.join(', ');
  const badSeverity = (v: unknown) => message('config.bad-severity', { id: meta.id, allowed, value: String(JSON.stringify(v)) });
  if (typeof value === 'string') {
    if (SEVERITIES.includes(value)) return { severity: value as SeveritySetting, options: {} };
    messages.push(badSeverity(value));
    return undefined;
  }
  if (!isRecord(value)) {
    messages.push(message('config.rule-setting', { id: meta.id, allowed }));
    return undefined;
  }
  let severity: SeveritySetting | undefined;
  const options: Record<string, number> = {};
  for (const [key, option] of Object.entries(value)) {
    if (key === 'severity') {
      if (typeof option === 'string' && SEVERITIES.includes(option)) severity = option as SeveritySetting;
      else messages.push(badSeverity(option));
    } else if (meta.options && key in meta.options) {
      if (typeof option === 'number' && Number.isInteger(option) && option >= 0) options[key] = option;
      else messages.push(message('config.whole-number', { id: meta.id, key, value: String(JSON.stringify(option)) }));
    } else {
      const names = ['severity', ...Object.keys(meta.options ?? {})];
      messages.push(message('config.unknown-option', { id: meta.id, key, allowed: names.join(', ') }));
    }
  }
  return { severity, options };
}
