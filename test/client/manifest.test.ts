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
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
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
    for (const title of ['Open Scorecard Preview', 'Open Scorecard Preview to the Side', 'Export Scorecard as HTML', 'New KPI File from Template', 'Restart Language Server', 'Show Output']) {
      assert.ok(titles.includes(title), title);
    }
  });

  it('describes every setting', () => {
    const settings = Object.entries(manifest.contributes.configuration.properties);
    assert.deepEqual(settings.map(([key]) => key).sort(), ['kpi.asOf', 'kpi.debounce', 'kpi.preview.followActiveEditor', 'kpi.preview.refreshDelay', 'kpi.readCsv', 'kpi.trace.server']);
    for (const [key, setting] of settings) assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, key);
  });

  it('activates only on KPI files, their preview and its commands', () => {
    const languages = manifest.contributes.languages.map((l) => l.id);
    for (const event of manifest.activationEvents) {
      const [kind, value] = event.split(/:(.*)/);
      if (kind === 'onLanguage') assert.ok(languages.includes(value!), event);
      else if (kind === 'workspaceContains') assert.match(value!, /\.kpi\./, event);
      else if (kind === 'onWebviewPanel') assert.equal(value, 'kpi.preview', event);
      else assert.fail(`unexpected activation event ${event}`);
    }
    for (const menu of Object.values(manifest.contributes.menus).flat()) {
      assert.ok(manifest.contributes.commands.some((c) => c.command === menu.command), menu.command);
    }
  });

  it('contributes the kpi language with its files, configuration and grammar', () => {
    const [language] = manifest.contributes.languages;
    assert.deepEqual(language!.filenamePatterns, ['*.kpi.yaml', '*.kpi.yml']);
    for (const file of [language!.configuration, manifest.contributes.grammars[0]!.path, manifest.main.replace('./dist/extension.js', 'package.json')]) {
      assert.ok(fs.existsSync(path.join(REPO, file)), file);
    }
    JSON.parse(fs.readFileSync(path.join(REPO, language!.configuration), 'utf8'));
  });

  it('declares limited support for untrusted workspaces, restricting CSV reading', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['kpi.readCsv']);
  });

  it('hands both schemas to the YAML extension; the configuration schema knows every rule and accepts the samples', () => {
    const urls = manifest.contributes.yamlValidation.map((v) => v.url);
    assert.deepEqual(urls, ['./schemas/kpi.schema.json', './schemas/kpi-config.schema.json']);
    const configSchema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/kpi-config.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(configSchema.properties.rules.properties), RULES.map((r) => r.meta.id));
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(configSchema);
    for (const file of ['samples/kpi.config.yaml', 'samples/pitfalls/kpi.config.yaml']) {
      assert.ok(validate(parse(fs.readFileSync(path.join(REPO, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ rules: { 'missing-ownr': 'off' } }), false);
  });

  it('has a problem matcher that reads kpi lint\'s stylish output', () => {
    const [file, row] = manifest.contributes.problemMatchers[0]!.pattern.map((p) => new RegExp(p.regexp));
    assert.equal(manifest.contributes.problemMatchers[0]!.name, 'kpi');
    assert.deepEqual(file!.exec('samples/pitfalls/goals.kpi.yaml')?.slice(1), ['samples/pitfalls/goals.kpi.yaml']);
    assert.deepEqual(
      row!.exec('  66:13  error    Goal `pf-gren` is not defined in any KPI file of the workspace: define the goal.  unknown-goal')?.slice(1),
      ['66', '13', 'error', 'Goal `pf-gren` is not defined in any KPI file of the workspace: define the goal.', 'unknown-goal'],
    );
  });
});
