import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { RULES } from '../../server/src/core/rules';
import { REPO } from '../helpers';

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    languages: { id: string; filenamePatterns: string[]; configuration: string }[];
    grammars: { language: string; path: string }[];
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
    yamlValidation: { fileMatch: string | string[]; url: string }[];
    problemMatchers: { name: string; pattern: { regexp: string }[] }[];
    walkthroughs: { id: string; title: string; description: string; steps: WalkthroughStep[] }[];
  };
}

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: unknown };
  completionEvents: string[];
}

/** The VS Code commands a walkthrough button may run, each with the completion event it fires. */
const BUILT_IN_BUTTONS: Record<string, string> = { 'workbench.actions.view.problems': 'onView:workbench.panel.markers.view' };

/** The commands of a text's `command:` links (buttons when alone on a line); `toSide:` opens what they open beside the walkthrough. */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)[)?]/g)].map((m) => m[1]);
}

/** A walkthrough step's Markdown in Swedish: `<name>.nls.sv.md` beside it, which VS Code reads when its display language is Swedish. */
const swedishTwin = (media: string) => media.replace(/\.md$/, '.nls.sv.md');

const markdownIt = new MarkdownIt();

/** The blocks of a Markdown text (headings, paragraphs, lists, code blocks with their language), its inline code, and the text of each heading and paragraph without that code. */
function markdownShape(text: string): { blocks: string[]; code: string[]; prose: string[] } {
  const tokens = markdownIt.parse(text, {});
  const blocks = tokens.filter((t) => t.nesting !== -1 && t.type !== 'inline').map((t) => (t.type === 'fence' ? `fence ${t.info}` : `${t.type} ${t.tag}`));
  const inline = tokens.filter((t) => t.type === 'inline');
  const code = inline
    .flatMap((t) => t.children ?? [])
    .filter((t) => t.type === 'code_inline')
    .map((t) => t.content)
    .sort();
  const prose = inline.map((t) => t.content.replace(/`[^`]*`/g, '').trim());
  return { blocks, code, prose };
}

/** The manifest as written, with `%key%` references to package.nls.json. */
const rawManifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
const nls = (language: '' | '.sv') => JSON.parse(fs.readFileSync(path.join(REPO, `package.nls${language}.json`), 'utf8')) as Record<string, string>;

/** Every string `%key%` of a manifest value replaced by its text, as VS Code shows it. */
function localized<T>(value: T, texts: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' && /^%[\w.-]+%$/.test(v) ? (texts[v.slice(1, -1)] ?? v) : v)) as T;
}

/** The manifest's properties whose text VS Code shows a person (ids, commands, paths, `when` clauses and names are not among them). */
const SHOWN = new Set([
  'title',
  'shortTitle',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'label',
  'altText',
]);

/** Every text of the manifest that VS Code shows a person, by its path (`contributes.commands.0.title`). */
function shownTexts(value: unknown, where: string[] = []): Map<string, string> {
  const texts = new Map<string, string>();
  if (typeof value === 'string') {
    // An array's items are shown when the array is (enumDescriptions).
    const name = where.filter((part) => !/^\d+$/.test(part)).at(-1);
    if (name && SHOWN.has(name)) texts.set(where.join('.'), value);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) for (const [at, text] of shownTexts(item, [...where, key])) texts.set(at, text);
  }
  return texts;
}

/** The manifest as VS Code shows it in English. */
const manifest = localized(JSON.parse(rawManifest) as Manifest, nls(''));
/** The manifest as VS Code shows it in Swedish. */
const swedishManifest = localized(JSON.parse(rawManifest) as Manifest, nls('.sv'));
const extensionSource = fs.readFileSync(path.join(REPO, 'client/src/extension.ts'), 'utf8');

describe('extension manifest', () => {
  it('gives every command a title and the KPI category, and registers each one in the code', () => {
    assert.ok(manifest.contributes.commands.length >= 6);
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'KPI', command.command);
      assert.match(command.title, /^[A-Z]/, command.command);
      assert.ok(extensionSource.includes(`registerCommand('${command.command}'`), `${command.command} is registered`);
    }
    const titles = manifest.contributes.commands.map((c) => c.title);
    for (const title of [
      'Open Scorecard Preview',
      'Open Scorecard Preview to the Side',
      'Export Scorecard as HTML',
      'New KPI File from Template',
      'Restart Language Server',
      'Show Output',
    ]) {
      assert.ok(titles.includes(title), title);
    }
  });

  it('describes every setting', () => {
    const settings = Object.entries(manifest.contributes.configuration.properties);
    assert.deepEqual(settings.map(([key]) => key).sort(), [
      'kpi.asOf',
      'kpi.debounce',
      'kpi.locale',
      'kpi.preview.followActiveEditor',
      'kpi.preview.refreshDelay',
      'kpi.readCsv',
      'kpi.trace.server',
    ]);
    for (const [key, setting] of settings) assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, key);
  });

  it('activates only on KPI files, their preview and its commands', () => {
    const languages = manifest.contributes.languages.map((l) => l.id);
    for (const event of manifest.activationEvents) {
      const [kind, value] = event.split(/:(.*)/);
      if (kind === 'onLanguage') assert.ok(languages.includes(value), event);
      else if (kind === 'workspaceContains') assert.match(value, /\.kpi\./, event);
      else if (kind === 'onWebviewPanel') assert.equal(value, 'kpi.preview', event);
      else assert.fail(`unexpected activation event ${event}`);
    }
    for (const menu of Object.values(manifest.contributes.menus).flat()) {
      assert.ok(
        manifest.contributes.commands.some((c) => c.command === menu.command),
        menu.command,
      );
    }
  });

  it('contributes the kpi language with its files, configuration and grammar', () => {
    const [language] = manifest.contributes.languages;
    assert.deepEqual(language.filenamePatterns, ['*.kpi.yaml', '*.kpi.yml']);
    for (const file of [language.configuration, manifest.contributes.grammars[0].path, manifest.main.replace('./dist/extension.js', 'package.json')]) {
      assert.ok(fs.existsSync(path.join(REPO, file)), file);
    }
    JSON.parse(fs.readFileSync(path.join(REPO, language.configuration), 'utf8'));
  });

  it('declares limited support for untrusted workspaces, restricting CSV reading', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['kpi.readCsv']);
  });

  it('hands both schemas to the YAML extension; the configuration schema knows every rule and accepts the samples', () => {
    const urls = manifest.contributes.yamlValidation.map((v) => v.url);
    assert.deepEqual(urls, ['./schemas/kpi.schema.json', './schemas/kpi-config.schema.json']);
    const configSchema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/kpi-config.schema.json'), 'utf8')) as {
      properties: { rules: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(
      Object.keys(configSchema.properties.rules.properties),
      RULES.map((r) => r.meta.id),
    );
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(configSchema);
    for (const file of ['samples/kpi.config.yaml', 'samples/pitfalls/kpi.config.yaml']) {
      assert.ok(validate(parse(fs.readFileSync(path.join(REPO, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ rules: { 'missing-ownr': 'off' } }), false);
  });

  it('has a Get Started walkthrough: Markdown media that exist, buttons and completion events that name contributed commands', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'getStarted');
    const buttons = walkthrough.steps.map((step) => commandLinks(step.description));
    // create a file, see a problem and its fix, open the preview, set up CI: in that order, one button each
    assert.deepEqual(buttons, [['kpi.newFile'], ['workbench.actions.view.problems'], ['kpi.openPreviewToSide'], ['kpi.init']]);
    for (const step of walkthrough.steps) {
      const where = `step ${step.id}`;
      assert.match(step.title, /^[A-Z]/, where);
      const media = step.media.markdown ?? '';
      assert.match(media, /^media\/walkthrough\/[\w-]+\.md$/, `${where}: Markdown media under media/walkthrough/ (packed into the .vsix)`);
      const markdown = fs.readFileSync(path.join(REPO, media), 'utf8');
      assert.match(markdown, /^# \S/, `${where}: ${media} starts with a heading`);
      for (const command of [...commandLinks(step.description), ...commandLinks(markdown)]) {
        assert.ok(commands.has(command) || command in BUILT_IN_BUTTONS, `${where}: button ${command} is a contributed command`);
      }
      assert.ok(step.completionEvents.length > 0, `${where} has completion events`);
      for (const event of step.completionEvents) {
        const [kind, value] = event.split(/:(.*)/);
        if (kind === 'onCommand') assert.ok(commands.has(value), `${where}: ${event} names a contributed command`);
        else assert.ok(Object.values(BUILT_IN_BUTTONS).includes(event), `${where}: unexpected completion event ${event}`);
      }
      // The step is checked off when its button is used.
      for (const command of commandLinks(step.description)) {
        assert.ok(step.completionEvents.includes(BUILT_IN_BUTTONS[command] ?? `onCommand:${command}`), `${where}: its button ${command} completes it`);
      }
    }
    const files = fs.readdirSync(path.join(REPO, 'media/walkthrough')).map((f) => `media/walkthrough/${f}`);
    assert.deepEqual(
      files.sort(),
      walkthrough.steps.flatMap((s) => [s.media.markdown ?? '', swedishTwin(s.media.markdown ?? '')]).sort(),
      'no Markdown left over from a removed step',
    );
  });

  it('has each walkthrough Markdown in Swedish too (<name>.nls.sv.md): the same blocks, code and buttons, in Swedish words and command titles', () => {
    const titles = {
      en: new Set(manifest.contributes.commands.map((c) => c.title)),
      sv: new Set(swedishManifest.contributes.commands.map((c) => c.title)),
    };
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      const media = step.media.markdown ?? '';
      const en = fs.readFileSync(path.join(REPO, media), 'utf8');
      const sv = fs.readFileSync(path.join(REPO, swedishTwin(media)), 'utf8');
      const [enShape, svShape] = [markdownShape(en), markdownShape(sv)];
      assert.deepEqual(svShape.blocks, enShape.blocks, `${swedishTwin(media)} has the blocks of ${media}`);
      assert.deepEqual(svShape.code, enShape.code, `${swedishTwin(media)} has the code of ${media}`);
      assert.deepEqual(commandLinks(sv), commandLinks(en), `${swedishTwin(media)} has the buttons of ${media}`);
      enShape.prose.forEach((text, i) => {
        if (/\p{L}{3}/u.test(text)) assert.notEqual(svShape.prose[i], text, `${swedishTwin(media)} translates "${text.slice(0, 40)}…"`);
      });
      // A command named in bold is named by its title in the language of the text.
      for (const [language, text] of [
        ['en', en],
        ['sv', sv],
      ] as const) {
        for (const [, title] of text.matchAll(/\*\*KPI: ([^*]+)\*\*/g))
          assert.ok(titles[language].has(title), `${language}: ${media} names the command ${title}`);
      }
    }
  });

  it('packs the walkthrough Markdown in both languages and both package.nls files into the .vsix', () => {
    const ls = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(ls.status, 0, ls.stdout + ls.stderr);
    const packed = ls.stdout.trim().split('\n').sort();
    const media = manifest.contributes.walkthroughs[0].steps.map((s) => s.media.markdown ?? '');
    const needed = ['package.json', 'package.nls.json', 'package.nls.sv.json', ...media, ...media.map(swedishTwin)].sort();
    assert.deepEqual(
      packed.filter((f) => /^package|^media\//.test(f)),
      needed,
    );
  });

  it('takes every text of contributes from package.nls.json and package.nls.sv.json, which have the same keys', () => {
    const references = [...rawManifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.ok(references.length > 20);
    const [en, sv] = [nls(''), nls('.sv')];
    assert.deepEqual(Object.keys(sv).sort(), Object.keys(en).sort());
    for (const key of references) assert.ok(Object.hasOwn(en, key), `${key} is in package.nls.json`);
    assert.deepEqual(Object.keys(en).sort(), [...new Set(references)].sort(), 'no text in package.nls.json that the manifest does not use');
    for (const [key, text] of Object.entries(sv)) {
      assert.ok(text.trim() !== '', `${key} has a Swedish text`);
      // Only the product's name reads the same in both languages.
      if (key !== 'configuration.title') assert.notEqual(text, en[key], `${key} is translated, not copied`);
    }
    // A walkthrough button keeps its command in Swedish.
    for (const key of Object.keys(en)) assert.deepEqual(commandLinks(sv[key]), commandLinks(en[key]), key);
    // Everything a person reads in the manifest is a reference (the category and the product's name are the same in every language).
    const shown = shownTexts(JSON.parse(rawManifest));
    for (const where of [
      'description',
      'capabilities.untrustedWorkspaces.description',
      'capabilities.virtualWorkspaces.description',
      'contributes.commands.0.title',
      'contributes.walkthroughs.0.steps.0.description',
      'contributes.configuration.properties.kpi.asOf.patternErrorMessage',
      'contributes.configuration.properties.kpi.locale.enumDescriptions.0',
    ])
      assert.ok(shown.has(where), where);
    for (const [where, text] of shown) assert.match(text, /^%[\w.-]+%$/, `${where} comes from package.nls.json`);
  });

  it('offers kpi.locale: auto, en or sv, auto by default', () => {
    const setting = manifest.contributes.configuration.properties['kpi.locale'] as { enum?: string[]; default?: string };
    assert.deepEqual(setting.enum, ['auto', 'en', 'sv']);
    assert.equal(setting.default, 'auto');
    assert.equal(swedishManifest.contributes.commands.find((c) => c.command === 'kpi.openPreview')?.title, 'Öppna förhandsvisning av styrkortet');
  });

  it("has a problem matcher that reads kpi lint's stylish output", () => {
    const [file, row] = manifest.contributes.problemMatchers[0].pattern.map((p) => new RegExp(p.regexp));
    assert.equal(manifest.contributes.problemMatchers[0].name, 'kpi');
    assert.deepEqual(file.exec('samples/pitfalls/goals.kpi.yaml')?.slice(1), ['samples/pitfalls/goals.kpi.yaml']);
    assert.deepEqual(row.exec('  66:13  error    Goal `pf-gren` is not defined in any KPI file of the workspace: define the goal.  unknown-goal')?.slice(1), [
      '66',
      '13',
      'error',
      'Goal `pf-gren` is not defined in any KPI file of the workspace: define the goal.',
      'unknown-goal',
    ]);
  });
});
