import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseCalendarDay } from '../../server/src/core/dates';
import { LineIndex } from '../../server/src/core/lines';
import { lintWorkspace, type LintResult } from '../../server/src/core/lint';
import { parseKpiFile, useFastParser } from '../../server/src/core/parse';
import { shownPath } from '../../server/src/core/paths';
import { RULES } from '../../server/src/core/rules';
import { buildScorecard } from '../../server/src/core/scorecard';
import type { KpiFile, Span } from '../../server/src/core/types';
import { codeActions, fixAll } from '../../server/src/lsp/service/code-actions';
import { codeLenses } from '../../server/src/lsp/service/code-lens';
import { completions } from '../../server/src/lsp/service/completion';
import { toLspDiagnostic } from '../../server/src/lsp/service/diagnostics';
import { hover } from '../../server/src/lsp/service/hover';
import { definition, documentSymbols, prepareRename, references, type Documents } from '../../server/src/lsp/service/navigation';
import { renderScorecardBody } from '../../server/src/report/html';
import { memoryReader, type FuzzWorkspace } from './corpus';
import { applyEdit, mutate, type Edit } from './mutations';
import { inputSeed, Random } from './random';

/** The as-of date the samples were written for. */
export const AS_OF = '2026-11-27';
const AS_OF_DAY = parseCalendarDay(AS_OF)!;

/** One fuzz input for the engine: a KPI file of a workspace after a few random edits. */
export interface EngineCase {
  readonly runSeed: number;
  readonly index: number;
  /** The workspace's name (its folder in the repository). */
  readonly workspace: string;
  /** The edited KPI file (absolute path). */
  readonly target: string;
  readonly edits: readonly Edit[];
  readonly text: string;
  /** A CSV source of the workspace, edited too. */
  readonly csv?: { readonly path: string; readonly text: string };
}

export interface EngineOutcome {
  /** Milliseconds for everything done with the input. */
  readonly ms: number;
  readonly diagnostics: number;
  /** What went wrong: an exception or a broken rule of the game. Empty when all is well. */
  readonly problems: readonly string[];
}

function donorsOf(corpus: readonly FuzzWorkspace[]): string[] {
  return corpus.flatMap((w) => [...w.kpiFiles.values()]);
}

/** Input `index` of the run seeded `runSeed`: the same every time. */
export function makeEngineCase(corpus: readonly FuzzWorkspace[], runSeed: number, index: number): EngineCase {
  const random = new Random(inputSeed(runSeed, index));
  const workspace = random.pick(corpus);
  const target = random.pick([...workspace.kpiFiles.keys()]);
  const context = { random, donors: donorsOf(corpus) };
  let text = workspace.kpiFiles.get(target)!;
  const edits: Edit[] = [];
  const count = 1 + (random.chance(0.6) ? random.int(3) : random.int(12));
  for (let i = 0; i < count; i++) {
    const edit = mutate(text, context);
    edits.push(edit);
    text = applyEdit(text, edit);
  }
  let csv: EngineCase['csv'];
  if (workspace.otherFiles.size > 0 && random.chance(0.1)) {
    const file = random.pick([...workspace.otherFiles.keys()]);
    let csvText = workspace.otherFiles.get(file)!;
    for (let i = random.between(1, 4); i > 0; i--) csvText = applyEdit(csvText, mutate(csvText, context));
    csv = { path: file, text: csvText };
  }
  return { runSeed, index, workspace: workspace.name, target, edits, text, csv };
}

/** The other files of each workspace, parsed once: only the target changes from input to input. */
const parsedOthers = new WeakMap<FuzzWorkspace, Map<string, KpiFile>>();

function othersOf(workspace: FuzzWorkspace, target: string): KpiFile[] {
  let parsed = parsedOthers.get(workspace);
  if (!parsed) {
    parsed = new Map([...workspace.kpiFiles].map(([file, text]) => [file, parseKpiFile(file, text)]));
    parsedOthers.set(workspace, parsed);
  }
  return [...parsed].filter(([file]) => file !== target).map(([, file]) => file);
}

/** Messages are one sentence: anything longer quotes too much of the file. */
const MAX_MESSAGE = 600;
const CODES = new Set(RULES.map((r) => r.meta.id));
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Whether an offset falls between the two halves of an astral character. */
const splitsCharacter = (text: string, offset: number) =>
  offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));

export interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

const same = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
export const shown = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** Checks a range the editor gets: inside the document and, given the span it came from, exactly where an editor puts that span. */
export function checkRange(what: string, range: Range, document: TextDocument, span: Span | undefined, problems: string[]): void {
  const lineLength = (line: number) =>
    document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
  for (const p of [range.start, range.end]) {
    if (
      !Number.isInteger(p.line) ||
      !Number.isInteger(p.character) ||
      p.line < 0 ||
      p.character < 0 ||
      p.line >= document.lineCount ||
      p.character > lineLength(p.line)
    ) {
      problems.push(`${what}: range ${shown(range)} is outside the document (${document.lineCount} lines)`);
      return;
    }
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
    problems.push(`${what}: range ${shown(range)} ends before it starts`);
  }
  if (span) {
    const editor = { start: document.positionAt(span.start), end: document.positionAt(span.end) };
    if (!same(range, editor)) problems.push(`${what}: range ${shown(range)} is not where an editor shows offsets ${span.start}-${span.end} (${shown(editor)})`);
  }
}

/** The rules every diagnostic must keep: a catalog code, a severity, a one-line message, a span inside its file. */
function checkDiagnostics(result: LintResult, problems: string[]): void {
  for (const { file, diagnostics, lines } of result.files) {
    const text = file.text;
    const document = TextDocument.create('file:///x.kpi.yaml', 'kpi', 1, text);
    const name = path.basename(file.path);
    for (const d of diagnostics) {
      const what = `${name} ${d.code}`;
      if (!CODES.has(d.code)) problems.push(`${what}: not a code of the catalog`);
      if (!SEVERITIES.has(d.severity)) problems.push(`${what}: severity ${d.severity}`);
      if (typeof d.message !== 'string' || d.message.trim() === '' || /[\r\n\u2028\u2029\u001b]/.test(d.message))
        problems.push(`${what}: message ${JSON.stringify(d.message.slice(0, 300))} is not one printable line`);
      else if (d.message.length > MAX_MESSAGE) problems.push(`${what}: message of ${d.message.length} characters: ${JSON.stringify(d.message.slice(0, 200))}…`);
      const { start, end } = d.span;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
        problems.push(`${what}: span ${start}-${end} is outside the text (length ${text.length})`);
        continue;
      }
      if (splitsCharacter(text, start) || splitsCharacter(text, end)) problems.push(`${what}: span ${start}-${end} splits a character in two`);
      checkRange(what, toLspDiagnostic(d, lines).range, document, d.span, problems);
    }
  }
}

/** Every diagnostic of a lint, as one comparable line each. */
function diagnosticLines(result: LintResult): string[] {
  return result.files.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => `${path.basename(file.path)} ${d.span.start}-${d.span.end} ${d.code} ${d.message}`),
  );
}

/** Lints a workspace whose file `target` reads `text` (and whose CSV source `csv.path`, if given, reads `csv.text`). */
export function lintWithText(workspace: FuzzWorkspace, target: string, text: string, csv?: EngineCase['csv']): LintResult {
  const replaced = new Map(csv ? [[csv.path, csv.text]] : []);
  return lintWorkspace([...othersOf(workspace, target), parseKpiFile(target, text)], {
    root: workspace.root,
    asOf: AS_OF_DAY,
    config: workspace.config,
    reader: memoryReader(workspace, replaced),
  });
}

const lint = (workspace: FuzzWorkspace, kase: EngineCase) => lintWithText(workspace, kase.target, kase.text, kase.csv);

/** Uses what the editor asks of the language service at a few random places of the edited file. */
function useLanguageService(result: LintResult, kase: EngineCase, random: Random, problems: string[]): void {
  const file = result.workspace.files.find((f) => f.path === kase.target)!;
  const text = file.text;
  const lines = new LineIndex(text);
  const document = TextDocument.create('file:///x.kpi.yaml', 'kpi', 1, text);
  const uri = URI.file(kase.target).toString();
  const documents: Documents = { uri: (f) => URI.file(f).toString(), lines: (f) => new LineIndex(f.text) };
  const workspace = result.workspace;
  for (const symbol of documentSymbols(file, lines)) {
    checkRange(`symbol ${symbol.name}`, symbol.range, document, undefined, problems);
    checkRange(`symbol ${symbol.name}`, symbol.selectionRange, document, undefined, problems);
  }
  for (const lens of codeLenses(file, lines, workspace)) checkRange('code lens', lens.range, document, undefined, problems);
  const diagnostics = result.files.find((f) => f.file === file)!.diagnostics.map((d) => toLspDiagnostic(d, lines));
  codeActions(file, lines, uri, diagnostics, AS_OF_DAY);
  fixAll(file, lines, uri, diagnostics, AS_OF_DAY);
  for (let i = 0; i < 3; i++) {
    const offset = random.int(text.length + 2);
    const shown = hover(file, lines, offset, workspace);
    if (shown?.range) checkRange('hover', shown.range, document, undefined, problems);
    for (const location of [...definition(file, offset, workspace, documents), ...references(file, offset, true, workspace, documents)]) {
      if (location.uri === uri) checkRange('reference', location.range, document, undefined, problems);
    }
    const rename = prepareRename(file, offset, lines);
    if (rename) checkRange('rename', rename.range, document, undefined, problems);
    completions(text, random.int(lines.lineCount + 2), random.int(200), workspace);
  }
  renderScorecardBody(buildScorecard(workspace, (f) => shownPath(workspace.root, f)));
}

/**
 * Feeds one input to the engine as the CLI and the server do: lint the
 * workspace with the edited file, check every diagnostic, build the
 * scorecard, and use the language service on it. With `differential`, lints
 * again with `yaml`'s own parser and expects the very same diagnostics.
 */
export function checkEngine(corpus: readonly FuzzWorkspace[], kase: EngineCase, options: { differential?: boolean } = {}): EngineOutcome {
  const workspace = corpus.find((w) => w.name === kase.workspace);
  if (!workspace) return { ms: 0, diagnostics: 0, problems: [`no workspace ${kase.workspace} in the corpus`] };
  const problems: string[] = [];
  const random = new Random(inputSeed(kase.runSeed, kase.index) ^ 0x51ed);
  const started = performance.now();
  let count = 0;
  try {
    const result = lint(workspace, kase);
    count = result.files.reduce((sum, f) => sum + f.diagnostics.length, 0);
    checkDiagnostics(result, problems);
    useLanguageService(result, kase, random, problems);
    if (options.differential) {
      const fast = diagnosticLines(result);
      let full: string[];
      try {
        useFastParser(false);
        full = diagnosticLines(lint(workspace, kase));
      } finally {
        useFastParser(true);
      }
      const onlyFast = fast.filter((d) => !full.includes(d));
      const onlyFull = full.filter((d) => !fast.includes(d));
      if (onlyFast.length > 0 || onlyFull.length > 0)
        problems.push(
          `the fast parser and yaml disagree: fast only ${JSON.stringify(onlyFast.slice(0, 3))}, yaml only ${JSON.stringify(onlyFull.slice(0, 3))}`,
        );
    }
  } catch (error) {
    problems.push(`exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return { ms: performance.now() - started, diagnostics: count, problems };
}
