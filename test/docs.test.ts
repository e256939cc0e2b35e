import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { REPO } from './helpers';

/**
 * The docs stay honest: every relative link and anchor resolves, and every
 * CLI option, editor setting and configuration key the product has is
 * documented on its page.
 */

type Token = MarkdownIt.Token;
const markdown = new MarkdownIt({ html: true });

/** The files a link checker may look at: repository-relative paths with `/`. */
interface DocFiles {
  exists(file: string): boolean;
  /** The text of a Markdown file that exists. */
  text(file: string): string;
}

const repoFiles: DocFiles = {
  exists: (file) => fs.existsSync(path.join(REPO, file)),
  text: (file) => fs.readFileSync(path.join(REPO, file), 'utf8'),
};

/** Every token of a Markdown text, inline ones included. */
function tokens(text: string): Token[] {
  return markdown.parse(text, {}).flatMap((token) => [token, ...(token.children ?? [])]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown text's headings; a repeated heading gets `-1`, `-2`... as on GitHub. */
function anchors(text: string): Set<string> {
  const all = markdown.parse(text, {});
  const found = new Set<string>();
  all.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const words = (all[i + 1].children ?? []).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content);
    const slug = githubSlug(words.join(''));
    let unique = slug;
    for (let n = 1; found.has(unique); n++) unique = `${slug}-${n}`;
    found.add(unique);
  });
  return found;
}

/** The targets of a Markdown text's links and images. */
function linkTargets(text: string): string[] {
  return tokens(text).flatMap((token) => {
    const target = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
    return target === null ? [] : [target];
  });
}

/** The relative links of `file` that lead nowhere: a missing file, or a missing heading for `#anchor`. */
function brokenLinks(file: string, files: DocFiles): string[] {
  return linkTargets(files.text(file)).filter((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return false; // https:, mailto:... are not checked
    const [pathPart = '', anchor] = target.split('#');
    const linked = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(pathPart)));
    if (!files.exists(linked)) return true;
    if (anchor === undefined || !linked.endsWith('.md')) return false;
    return !anchors(files.text(linked)).has(decodeURIComponent(anchor));
  });
}

/** The names that `text` does not mention as a whole word (`--cache` is not found in `--cache-location`). */
function undocumented(names: readonly string[], text: string): string[] {
  const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return names.filter((name) => !new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`).test(text));
}

/** Every Markdown file of the docs: the README, CONTRIBUTING, the changelog and docs/. */
function docFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(REPO, 'docs'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split(path.sep).join('/')}`);
  return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs.sort()];
}

function page(file: string): string {
  return fs.readFileSync(path.join(REPO, file), 'utf8');
}

function help(bin: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin', bin), ...args, '--help'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function longOptions(text: string): string[] {
  return [...new Set(text.match(/--[a-zA-Z][a-zA-Z0-9-]*/g) ?? [])];
}

/** The property names of a JSON Schema, at every depth (through `oneOf`, `items`...). */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const own = 'properties' in schema ? Object.keys(schema.properties as object) : [];
  return [...new Set([...own, ...Object.values(schema).flatMap((value) => propertyNames(value))])];
}

describe('docs', () => {
  describe('the link checker', () => {
    const sample: Record<string, string> = {
      'docs/a.md': [
        '# A page\n\n## Set up\n',
        '[ok](b.md#the-cli) [up](../README.md) [here](#set-up) [web](https://example.com/x.md)',
        '[gone](missing.md) [no heading](b.md#nowhere) ![no image](images/none.png) [not here](#nope)\n',
      ].join('\n'),
      'docs/b.md': '# B\n\n## The `cli`\n',
      'README.md': '# R\n',
    };
    const files: DocFiles = { exists: (file) => file in sample, text: (file) => sample[file] };

    it('finds links and images, and the anchors of headings as GitHub makes them', () => {
      assert.deepEqual(linkTargets('[a](x.md) ![b](y.png) `[c](z.md)`\n\n    [d](w.md)\n'), ['x.md', 'y.png']);
      const headings = '# Configuration: `kpi.config.yaml`\n## Set up\n## Set up\n';
      assert.deepEqual([...anchors(headings)], ['configuration-kpiconfigyaml', 'set-up', 'set-up-1']);
    });

    it('reports a missing file, a missing heading and a missing image, and nothing else', () => {
      assert.deepEqual(brokenLinks('docs/a.md', files), ['missing.md', 'b.md#nowhere', 'images/none.png', '#nope']);
    });

    it('finds an undocumented name, and a name only as part of a longer one', () => {
      assert.deepEqual(undocumented(['--cache', '--quiet', '--as-of'], 'use `--cache-location` or `--quiet`; --as-of'), ['--cache']);
    });
  });

  for (const file of docFiles()) {
    it(`${file}: every relative link and image leads to a file, and every anchor to a heading`, () => {
      assert.deepEqual(brokenLinks(file, repoFiles), []);
    });
  }

  it('docs/README.md links every page of docs/, the Swedish ones included (rule pages through their index)', () => {
    const linked = new Set(linkTargets(page('docs/README.md')).map((target) => path.posix.normalize(`docs/${target.split('#')[0]}`)));
    const pages = docFiles().filter((f) => f.startsWith('docs/') && f !== 'docs/README.md' && !/^docs\/(sv\/)?rules\/(?!README)/.test(f));
    assert.deepEqual(
      pages.filter((f) => !linked.has(f)),
      [],
    );
  });

  it('docs/sv/README.md links the Swedish rules and glossary and the English reference, and names every way to choose Swedish (SPEC §9)', () => {
    const guide = page('docs/sv/README.md');
    const linked = new Set(linkTargets(guide).map((target) => path.posix.normalize(`docs/sv/${target.split('#')[0]}`)));
    const wanted = [
      'docs/sv/rules/README.md',
      'docs/sv/ordlista.md',
      'docs/format.md',
      'docs/cli.md',
      'docs/status.md',
      'docs/configuration.md',
      'docs/vscode.md',
    ];
    assert.deepEqual(
      wanted.filter((f) => !linked.has(f)),
      [],
    );
    assert.deepEqual(
      undocumented(['--locale', 'KPI_LOCALE', 'locale: sv', 'kpi.locale', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'kpi lint', 'kpi status'], guide),
      [],
    );
  });

  it('docs/cli.md documents every long option of `kpi --help` and of each command', () => {
    const top = help('kpi.js');
    const commands = [...top.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    assert.deepEqual(commands, ['lint', 'status', 'diff', 'init', 'refresh']);
    const options = longOptions([top, ...commands.map((command) => help('kpi.js', command))].join('\n'));
    assert.ok(options.includes('--cache-location'), 'the options are found in the help');
    assert.deepEqual(undocumented([...commands.map((c) => `kpi ${c}`), ...options], page('docs/cli.md')), []);
  });

  it('docs/language-server.md documents every long option of `kpi-language-server --help`', () => {
    const options = longOptions(help('kpi-language-server.js'));
    assert.ok(options.includes('--stdio'));
    assert.deepEqual(undocumented(options, page('docs/language-server.md')), []);
  });

  it('docs/vscode.md documents every `kpi.*` setting of package.json', () => {
    const manifest = JSON.parse(page('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const settings = Object.keys(manifest.contributes.configuration.properties);
    assert.ok(settings.length > 0 && settings.every((s) => s.startsWith('kpi.')));
    assert.deepEqual(undocumented(settings, page('docs/vscode.md')), []);
  });

  it('docs/configuration.md documents every key of schemas/kpi-config.schema.json, nested ones included', () => {
    const keys = propertyNames(JSON.parse(page('schemas/kpi-config.schema.json')));
    assert.ok(keys.includes('atRiskBand') && keys.includes('perGoal') && keys.includes('plan-order'));
    assert.deepEqual(undocumented(keys, page('docs/configuration.md')), []);
  });

  it('docs/format.md documents every field of schemas/kpi.schema.json', () => {
    const fields = propertyNames(JSON.parse(page('schemas/kpi.schema.json')));
    assert.ok(fields.includes('measurements') && fields.includes('offTrack'));
    assert.deepEqual(undocumented(fields, page('docs/format.md')), []);
  });
});
