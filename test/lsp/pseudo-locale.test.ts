import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type Position,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { isMap, isScalar, parseAllDocuments, visit } from 'yaml';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { CHURN_FILE, REPO, SALES_FILE } from '../helpers';
import { TestClient, uriOf } from './client';
import { outsideMarks } from '../pseudo';

/**
 * SPEC §9 / issue 14: no word of ours reaches a user of the language server
 * without coming from the catalogue. In the pseudo-locale `qps-ploc` every
 * catalogue text is marked ⟦like this⟧; this test asks the server for every
 * text a person sees — problems, hovers at every key and value, CodeLenses,
 * quick fixes, completions, symbols, the scorecard's reasons, notifications,
 * progress, log lines and rename errors — on the samples, the pitfalls and a
 * folder of typing mistakes, and checks that nothing with a letter is left
 * once the marked parts and the user's own data are taken out.
 */

const AS_OF = '2026-11-27';

/**
 * Tokens of ours that may stand unmarked, each for a reason. Kept short on purpose.
 */
const ALLOWED_TOKENS: readonly string[] = [
  // None so far: the hover's "**Name** `id` — …" and the CodeLens's "· ▲" are punctuation and user data only.
];

/** The property names and enum values of schemas/kpi.schema.json. */
function schemaVocabulary(): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value as object)) found.add(name);
        if (key === 'enum' && Array.isArray(value)) for (const item of value) found.add(String(item));
        walk(value);
      }
    }
  };
  walk(JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'kpi.schema.json'), 'utf8')));
  return [...found];
}

/** Typing mistakes made in the clean SALES and CHURN files, one folder with a configuration that has problems of its own. */
const MISTAKES: Record<string, string> = {
  'kpi.config.yaml': 'colour: red\nrules:\n  missing-ownr: off\n',
  'sales.kpi.yaml': SALES_FILE.replace('value: 5.9 }', 'value: 5,9 }')
    .replace('value: 5.7 }', 'value: 5.7% }')
    .replace('owner: Erik Lund', 'ownr: Erik Lund')
    .replace('date: 2026-08,', 'date: 2026-13,')
    .replace('goals: [grow-revenue]', 'goals: [grow-revenu]'),
  'churn.kpi.yaml': CHURN_FILE.replace('value: 2.3 }', 'value: 2.3 SEK }')
    .replace('frequency: monthly', 'frequency: månatlig')
    .replace('target: { value: 2.0, date: 2026-12 }', 'target: { value: 2.0, date: 31.12.2026 }')
    .replace('- id: churn', '- id: Churn Rate'),
  'broken.kpi.yaml': 'kpi: 1\nkpis:\n  - id: broken\n    name: [Broken\n',
  // Where the completion offers a new goal and a new KPI.
  'new.kpi.yaml': 'kpi: 1\ngoals:\n  - \nkpis:\n  - \n',
};

/** The workspace: the samples (with samples/pitfalls, a workspace of its own by its kpi.config.yaml) and the mistakes. */
function workspace(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pseudo-')));
  fs.cpSync(path.join(REPO, 'samples'), root, { recursive: true });
  for (const [name, text] of Object.entries(MISTAKES)) {
    fs.mkdirSync(path.join(root, 'mistakes'), { recursive: true });
    fs.writeFileSync(path.join(root, 'mistakes', name), text);
  }
  return root;
}

function filesUnder(dir: string, test: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => test.test(file) && fs.statSync(file).isFile())
    .sort();
}

/**
 * The user's data in the workspace, as whole strings: every key and scalar
 * value of the YAML files, every cell of the CSV files, every path and file
 * name. A text of ours may show them unmarked (an id, a name, a date as
 * written, a unit).
 */
function userData(root: string): string[] {
  const found = new Set<string>();
  for (const file of filesUnder(root, /\.ya?ml$/)) {
    for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (!('contents' in document)) continue;
      visit(document, {
        Scalar(_, node) {
          if (node.source !== undefined) found.add(String(node.source));
          found.add(String(node.value));
        },
        Map(_, node) {
          if (!isMap(node)) return;
          for (const pair of node.items) if (isScalar(pair.key)) found.add(String(pair.key.value));
        },
      });
    }
  }
  for (const file of filesUnder(root, /\.csv$/)) {
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) for (const cell of line.split(/[;,\t]/)) found.add(cell.trim());
  }
  for (const file of filesUnder(root, /./)) {
    found.add(file);
    found.add(path.relative(root, file));
    found.add(path.basename(file));
  }
  found.add(root);
  // The format's own keys and values (`frequency`, `monthly`), which a person types as they are in every language.
  for (const word of schemaVocabulary()) found.add(word);
  return [...found].filter((text) => /\p{L}/u.test(text)).sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A checker for the texts of one workspace: the words of a text that are neither marked, nor user data, nor allowed. */
function checker(root: string): (text: string) => string[] {
  const user = userData(root);
  const allText = filesUnder(root, /\.(ya?ml|csv)$/)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  const userPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${user.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const allowedPattern = ALLOWED_TOKENS.length > 0 ? new RegExp(`(?<![\\p{L}])(?:${ALLOWED_TOKENS.map(escapeRegExp).join('|')})(?![\\p{L}])`, 'gu') : undefined;
  return (text) => {
    let rest = text;
    // Markdown escapes and entities around user text (hover), undone.
    rest = rest
      .replace(/\\([\\`*_{}[\]()#+\-.!|~:$])/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(userPattern, ' ');
    // The catalogue's texts, nested ones too.
    rest = outsideMarks(rest);
    // A key, id or value quoted back to the user in backticks or double quotes, when that very text is in the workspace.
    rest = rest.replace(/(`+)([^`]*?)\1|"([^"]*)"/g, (all, _fence: string, a: string | undefined, b: string | undefined) => {
      const quoted = (a ?? b ?? '').trim();
      return allText.includes(quoted) ? ' ' : all;
    });
    if (allowedPattern) rest = rest.replace(allowedPattern, ' ');
    return rest.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  };
}

/** The places on a line where a key or a value starts, and its end: where a person points or types. */
function positionsOn(line: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < line.length; i++) if (/\S/.test(line[i]) && (i === 0 || /[\s[{,:]/.test(line[i - 1]))) found.push(i);
  found.push(line.length);
  return found;
}

interface Said {
  readonly where: string;
  readonly text: string;
}

/** Everything a server in `locale` says about the workspace, each text with where it was said. */
async function everythingSaid(root: string, locale: string, sweep = true): Promise<Said[]> {
  const client = TestClient.inProcess();
  const said: Said[] = [];
  const say = (where: string, text: string | undefined) => {
    if (text !== undefined && text !== '') said.push({ where, text });
  };
  try {
    await client.initialize(root, { sendProcessId: false, settings: { asOf: AS_OF, debounce: 0, readCsv: true, locale } });
    const files = filesUnder(root, /\.kpi\.ya?ml$/);
    for (const file of files) await client.diagnosticsOf(uriOf(file), () => true, `the problems of ${path.relative(root, file)}`);
    for (const file of files) await client.open(uriOf(file), fs.readFileSync(file, 'utf8'));
    for (const file of files) await client.diagnosticsOf(uriOf(file), () => client.diagnostics.get(uriOf(file))!.at(-1)!.version === 1);

    for (const file of files) {
      const uri = uriOf(file);
      const name = path.relative(root, file);
      const textDocument = { uri };
      for (const publication of client.diagnostics.get(uri) ?? []) {
        for (const d of publication.diagnostics) {
          say(`${name}: problem ${String(d.code)}`, typeof d.message === 'string' ? d.message : d.message.value);
          for (const related of d.relatedInformation ?? []) say(`${name}: related information of ${String(d.code)}`, related.message);
        }
      }
      const diagnostics: Diagnostic[] = client.latest(uri) ?? [];
      const quickFixes = await Promise.all(
        diagnostics.map((d) => client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: d.range, context: { diagnostics: [d] } })),
      );
      for (const [i, d] of diagnostics.entries()) {
        for (const action of (quickFixes[i] ?? []) as CodeAction[]) {
          say(`${name}: quick fix for ${String(d.code)}`, action.title);
          say(`${name}: command of a quick fix for ${String(d.code)}`, action.command?.title);
        }
      }
      const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics, only: [CodeActionKind.Source] },
      })) as CodeAction[];
      for (const action of fixAll) say(`${name}: fix all`, action.title);

      for (const lens of (await client.connection.sendRequest(CodeLensRequest.type, { textDocument })) ?? []) {
        say(`${name}: CodeLens`, lens.command?.title);
        say(`${name}: CodeLens tooltip`, (lens.command as { tooltip?: string } | undefined)?.tooltip);
      }
      const symbols = ((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) ?? []) as DocumentSymbol[];
      const walk = (list: readonly DocumentSymbol[]) => {
        for (const symbol of list) {
          say(`${name}: symbol ${symbol.name}`, symbol.name);
          say(`${name}: symbol ${symbol.name}`, symbol.detail);
          walk(symbol.children ?? []);
        }
      };
      walk(symbols);

      const lines = sweep ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : [];
      const hovers: Position[] = [];
      const completionsAt: Position[] = [];
      // A key's documentation and the completions of a place are the same on every line alike: asked once per file.
      const asked = new Set<string>();
      for (const [line, content] of lines.entries()) {
        const key = /^\s*(?:-\s+)?([^\s:]+):/.exec(content)?.[1] ?? (/^\s*-\s*\{/.test(content) ? '{' : '');
        for (const character of positionsOn(content)) {
          const shape = key === '' ? `${line}:${character}` : `${character}|${key}|${content.slice(character).startsWith(`${key}:`)}`;
          const first = !asked.has(shape);
          asked.add(shape);
          // A hover on a value shows something only on an id (of a KPI, a goal, a parent, a goal a KPI measures).
          const onKey = content.slice(character).startsWith(`${key}:`);
          if (onKey ? first : ['id', 'parent', 'goals', ''].includes(key)) hovers.push({ line, character });
          if (first) completionsAt.push({ line, character });
        }
      }
      // Sent together: the server answers them in order, without a round trip each.
      const [hoverAnswers, completionAnswers] = await Promise.all([
        Promise.all(hovers.map((position) => client.connection.sendRequest(HoverRequest.type, { textDocument, position }))),
        Promise.all(completionsAt.map((position) => client.connection.sendRequest(CompletionRequest.type, { textDocument, position }))),
      ]);
      const at = (position: Position) => `${name}:${position.line + 1}:${position.character + 1}`;
      for (const [i, hover] of hoverAnswers.entries()) say(`${at(hovers[i])}: hover`, (hover?.contents as MarkupContent | undefined)?.value);
      for (const [i, completion] of completionAnswers.entries()) {
        const items: CompletionItem[] = Array.isArray(completion) ? completion : (completion?.items ?? []);
        for (const item of items) {
          const where = `${at(completionsAt[i])}: completion ${item.label}`;
          say(where, item.label);
          say(where, item.detail);
          say(where, typeof item.documentation === 'string' ? item.documentation : item.documentation?.value);
          say(where, item.command?.title);
        }
      }
    }

    for (const symbol of ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) ?? []) as WorkspaceSymbol[]) {
      say(`workspace symbol ${symbol.name}`, symbol.name);
      say(`workspace symbol ${symbol.name}`, symbol.containerName);
    }

    // Renames the server refuses: the reason reaches the user.
    const financial = path.join(root, 'financial.kpi.yaml');
    const financialLines = fs.readFileSync(financial, 'utf8').split('\n');
    const idLine = financialLines.findIndex((l) => l.includes('- id: gross-margin'));
    const idAt = { line: idLine, character: financialLines[idLine].indexOf('gross-margin') };
    for (const [position, newName] of [
      [idAt, '###'],
      [idAt, 'ebit-margin'],
      [{ line: 0, character: 0 }, 'x-1'],
    ] as const) {
      const error = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(financial) }, position, newName }).then(
        () => undefined,
        (e: Error) => e.message,
      );
      assert.ok(error !== undefined, `renaming to ${newName} is refused`);
      say(`rename to ${newName}`, error);
    }

    for (const project of ['financial.kpi.yaml', 'pitfalls/data.kpi.yaml', 'mistakes/sales.kpi.yaml']) {
      const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(root, project)) });
      assert.ok(result, project);
      // The scorecard's words of ours are the reasons; the rest is figures, codes (status, trend, category) and user data.
      for (const kpi of result.scorecard.kpis) say(`scorecard of ${project}: reason of ${kpi.id}`, kpi.reason);
    }

    for (const message of client.messages) say('notification', message);
    for (const log of client.logs) say('log', log.message);
    for (const progress of client.progress as { value: { title?: string; message?: string } }[]) {
      say('progress', progress.value.title);
      say('progress', progress.value.message);
    }
  } finally {
    await client.shutdown({ exit: false });
  }
  return said;
}

describe('language server in the pseudo-locale: no English of ours outside the catalogue (SPEC §9)', () => {
  let root: string;
  let said: Said[];
  let leftOver: (text: string) => string[];

  before(async () => {
    root = workspace();
    leftOver = checker(root);
    said = await everythingSaid(root, 'qps-ploc');
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('says something of every kind it can say', () => {
    const kinds = (pattern: RegExp) => said.filter((s) => pattern.test(s.where)).length;
    assert.ok(kinds(/: problem /) > 50, `${kinds(/: problem /)} problems`);
    assert.ok(kinds(/: hover$/) > 100, `${kinds(/: hover$/)} hovers`);
    assert.ok(kinds(/: CodeLens$/) > 10, 'CodeLenses');
    assert.ok(kinds(/: quick fix /) > 20, 'quick fixes');
    assert.ok(kinds(/: fix all$/) > 0, 'fix all');
    assert.ok(kinds(/: completion /) > 100, 'completions');
    assert.ok(kinds(/: symbol /) > 10, 'symbols');
    assert.ok(kinds(/^workspace symbol /) > 10, 'workspace symbols');
    assert.ok(kinds(/^scorecard of /) > 10, 'scorecard reasons');
    assert.equal(kinds(/^rename to /), 3, 'rename errors');
    assert.ok(kinds(/^notification$/) > 0, 'the configuration problems of the mistakes folder');
    assert.ok(kinds(/^progress$/) > 0, 'progress');
    const texts = said.map((s) => s.text);
    assert.ok(texts.includes('⟦New KPI⟧') && texts.includes('⟦New goal⟧'), 'the snippets');
    assert.ok(
      texts.some((t) => t.startsWith('⟦Goal defined in ')),
      'the goal completion',
    );
    assert.deepEqual(
      said.filter((s) => s.where === 'log'),
      [],
      'no handler failed',
    );
  });

  it('every text is marked, apart from user data', () => {
    const seen = new Map<string, string>();
    for (const { where, text } of said) if (!seen.has(text)) seen.set(text, where);
    const unmarked = [...seen].map(([text, where]) => ({ where, words: leftOver(text), text })).filter((found) => found.words.length > 0);
    assert.deepEqual(unmarked, []);
  });

  it('the check sees English: the same workspace in English leaves words of ours', async () => {
    const english = await everythingSaid(root, 'en', false).then((all) => all.filter((s) => / problem |: CodeLens$|^scorecard of /.test(s.where)));
    const flagged = english.filter((s) => leftOver(s.text).length > 0);
    assert.ok(flagged.length > english.length / 2, `${flagged.length} of ${english.length} English texts flagged`);
  });
});
