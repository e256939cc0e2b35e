import type { Config } from './config';
import type { Day } from './dates';
import type { FileReader } from './host';
import { LineIndex } from './lines';
import { readableMessage, wholeCharacters } from './readable';
import { RULES } from './rules';
import type { Finding, FindingData, Rule } from './rule';
import { Suppressions } from './suppressions';
import type { KpiFile, Severity, Span } from './types';
import { Workspace } from './workspace';

export interface Diagnostic {
  /** The rule id. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly data?: FindingData;
}

export interface FileResult {
  readonly file: KpiFile;
  /** The file's line index (made on first use: most files have no diagnostics). */
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

class Result implements FileResult {
  private index?: LineIndex;
  diagnostics: readonly Diagnostic[] = [];

  constructor(readonly file: KpiFile) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.file.text));
  }
}

export interface LintOptions {
  /** The workspace root: CSV sources must stay inside it. */
  readonly root: string;
  readonly asOf: Day;
  readonly config: Config;
  readonly reader: FileReader;
  /** Only these rules (tests); default: the whole catalog. */
  readonly rules?: readonly Rule[];
}

export interface LintResult {
  readonly workspace: Workspace;
  /** One entry per file, in path order. */
  readonly files: readonly FileResult[];
}

function settle(rule: Rule, config: Config): { severity: Severity | 'off'; options: Record<string, number> } {
  const setting = config.rules.get(rule.meta.id);
  const options: Record<string, number> = {};
  for (const [name, option] of Object.entries(rule.meta.options ?? {})) options[name] = setting?.options[name] ?? option.default;
  return { severity: setting?.severity ?? rule.meta.severity, options };
}

function spanOf(finding: Finding): Span {
  const { at, file } = finding;
  return 'span' in at ? at.span : file.locate(at.path, at.anchor);
}

/**
 * Lints a workspace: runs every enabled rule over all files together, places
 * each finding on its node, drops what `# kpi-disable` comments silence, and
 * returns the diagnostics of each file in position order.
 */
export function lintWorkspace(files: readonly KpiFile[], options: LintOptions): LintResult {
  const workspace = new Workspace(files, options.root, options.asOf, options.reader);
  const found = new Map<KpiFile, Diagnostic[]>(workspace.files.map((f) => [f, []]));
  for (const rule of options.rules ?? RULES) {
    const { severity, options: ruleOptions } = settle(rule, options.config);
    if (severity === 'off') continue;
    const code = rule.meta.id;
    rule.check({
      workspace,
      options: ruleOptions,
      report(finding) {
        // A file whose YAML does not parse shows only its syntax errors.
        if (finding.file.syntaxErrors.length > 0 && code !== 'yaml-syntax') return;
        const list = found.get(finding.file);
        if (!list) return;
        list.push({ code, severity, message: readableMessage(finding.message), span: wholeCharacters(finding.file.text, spanOf(finding)), data: finding.data });
      },
    });
  }
  const results = workspace.files.map((file) => {
    const raw = found.get(file)!;
    const result = new Result(file);
    if (raw.length === 0) return result;
    const suppressions = new Suppressions(file.text);
    result.diagnostics = raw
      .filter((d) => !suppressions.silenced(d.code, d.span.start, () => result.lines))
      .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return result;
  });
  return { workspace, files: results };
}
