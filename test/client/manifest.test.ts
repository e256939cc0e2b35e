import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
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

/** The manifest as written, with `%key%` references to package.nls.json. */
const rawManifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
const nls = (language: '' | '.sv') => JSON.parse(fs.readFileSync(path.join(REPO, `package.nls${language}.json`), 'utf8')) as Record<string, string>;

/** Every string `%key%` of a manifest value replaced by its text, as VS Code shows it. */
function localized<T>(value: T, texts: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' && /^%[\w.-]+%$/.test(v) ? (texts[v.slice(1, -1)] ?? v) : v)) as T;
}

/** The manifest as VS Code shows it in English. */
const manifest = localized(JSON.parse(rawManifest) as Manifest, nls(''));
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
    assert.deepEqual(files.sort(), walkthrough.steps.map((s) => s.media.markdown).sort(), 'no Markdown left over from a removed step');
  });

  it('takes every text of contributes from package.nls.json and package.nls.sv.json, which have the same keys', () => {
    const references = [...rawManifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.ok(references.length > 20);
    const [en, sv] = [nls(''), nls('.sv')];
    assert.deepEqual(Object.keys(sv).sort(), Object.keys(en).sort());
    for (const key of references) assert.ok(Object.hasOwn(en, key), `${key} is in package.nls.json`);
    assert.deepEqual(Object.keys(en).sort(), [...new Set(references)].sort(), 'no text in package.nls.json that the manifest does not use');
    for (const [key, text] of Object.entries(sv)) assert.ok(text.trim() !== '', `${key} has a Swedish text`);
    // A walkthrough button keeps its command in Swedish.
    for (const key of Object.keys(en)) assert.deepEqual(commandLinks(sv[key]), commandLinks(en[key]), key);
    // Everything a person reads in the manifest is a reference (the category and the product's name are the same in every language).
    const contributes = (JSON.parse(rawManifest) as Manifest).contributes;
    for (const command of contributes.commands) assert.match(command.title, /^%.+%$/, command.command);
    for (const [key, setting] of Object.entries(contributes.configuration.properties))
      assert.match(setting.markdownDescription ?? setting.description ?? '', /^%.+%$/, key);
  });

  it('offers kpi.locale: auto, en or sv, auto by default', () => {
    const setting = manifest.contributes.configuration.properties['kpi.locale'] as { enum?: string[]; default?: string };
    assert.deepEqual(setting.enum, ['auto', 'en', 'sv']);
    assert.equal(setting.default, 'auto');
    const sv = localized(JSON.parse(rawManifest) as Manifest, nls('.sv'));
    assert.equal(sv.contributes.commands.find((c) => c.command === 'kpi.openPreview')?.title, 'Öppna förhandsvisning av styrkortet');
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
