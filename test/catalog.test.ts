import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Locale } from '../server/src/core/l10n/locale';
import { docsUrl, ruleDescription, type Rule, type RuleGroup, type RuleMeta } from '../server/src/core/rule';
import { translator } from '../server/src/core/l10n/catalogue';
import { RULES } from '../server/src/core/rules';
import { VERSION } from '../server/src/version';
import { lintRule, REPO } from './helpers';

/** The codes of SPEC §4, in its order. */
const SPEC_CODES = [
  'yaml-syntax',
  'schema',
  'duplicate-id',
  'unlinked-kpi',
  'unknown-goal',
  'unmeasured-goal',
  'goal-cycle',
  'missing-target',
  'missing-unit',
  'missing-frequency',
  'missing-source',
  'vague-kpi',
  'irrelevant-kpi',
  'missing-owner',
  'missing-rationale',
  'target-direction',
  'threshold-order',
  'date-order',
  'unrealistic-target',
  'target-overdue',
  'too-many-kpis',
  'unbalanced-scorecard',
  'stale-data',
  'no-data',
  'duplicate-measurement',
  'future-measurement',
  'source-not-found',
  'source-outside-workspace',
  'source-column-missing',
  'source-bad-row',
  'plan-order',
  'unknown-connection',
  'snapshot-missing',
  'snapshot-outdated',
];

const DEFAULTS: Record<string, string> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'duplicate-id': 'error',
  'unknown-goal': 'error',
  'goal-cycle': 'error',
  'target-direction': 'error',
  'threshold-order': 'error',
  'date-order': 'error',
  'source-not-found': 'error',
  'source-outside-workspace': 'error',
  'source-column-missing': 'error',
  'plan-order': 'error',
  'unknown-connection': 'error',
  'vague-kpi': 'info',
  'missing-rationale': 'info',
  'unbalanced-scorecard': 'info',
  'no-data': 'info',
};

/** The fenced yaml block that follows a heading of a rule page. */
function example(page: string, heading: string): string | undefined {
  const at = page.indexOf(`\n## ${heading}\n`);
  if (at < 0) return undefined;
  return /```yaml\n([\s\S]*?)```/.exec(page.slice(at))?.[1];
}

/** Rules whose examples need a second file (a CSV, another KPI file, kpi.config.yaml or a snapshot), which a page cannot hold. */
const NEEDS_MORE_FILES = new Set([
  'duplicate-id',
  'source-column-missing',
  'source-bad-row',
  'source-outside-workspace',
  'unknown-connection',
  'snapshot-missing',
  'snapshot-outdated',
]);

/** The rule pages of one language: where they are, and the words of their headings and third line. */
interface RulePages {
  readonly locale: Locale;
  /** How the tests name the pages: '' for the English ones. */
  readonly label: string;
  readonly dir: string;
  readonly bad: string;
  readonly fixed: string;
  /** A page's third line, `**Group:** … · **Default severity:** … · **Scope:** file|workspace`. */
  readonly thirdLine: (meta: RuleMeta, scope: Rule['scope']) => string;
  /** The rules index's sentence that lists the rules across files. */
  readonly acrossFiles: RegExp;
}

const SWEDISH_GROUPS: Record<RuleGroup, string> = {
  format: 'format',
  linked: 'kopplad',
  measurable: 'mätbar',
  relevant: 'relevant',
  realistic: 'realistisk',
  scorecard: 'styrkort',
  data: 'data',
};

/** The severities in the words of docs/sv/ordlista.md. */
const SWEDISH_SEVERITIES: Record<string, string> = { error: 'fel', warning: 'varning', info: 'info' };

const RULE_PAGES: readonly RulePages[] = [
  {
    locale: 'en',
    label: '',
    dir: 'docs/rules',
    bad: 'Bad',
    fixed: 'Fixed',
    thirdLine: (meta, scope) => `**Group:** ${meta.group} · **Default severity:** ${meta.severity} · **Scope:** ${scope}`,
    acrossFiles: /\*\*Scope\.\*\* Six rules look across files: (.*?)\. They/,
  },
  {
    locale: 'sv',
    label: 'Swedish ',
    dir: 'docs/sv/rules',
    bad: 'Dåligt',
    fixed: 'Rättat',
    thirdLine: (meta, scope) =>
      `**Grupp:** ${SWEDISH_GROUPS[meta.group]} · **Standardnivå:** ${SWEDISH_SEVERITIES[meta.severity]} · **Omfattning:** \`${scope}\``,
    acrossFiles: /\*\*Omfattning\.\*\* Sex regler ser över alla filer: (.*?)\. De/,
  },
];

function readPage(file: string): string {
  return fs.readFileSync(path.join(REPO, file), 'utf8');
}

describe('rule catalog', () => {
  it('has exactly the codes of SPEC §4, in its order, with their default severities', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      SPEC_CODES,
    );
    for (const rule of RULES) assert.equal(rule.meta.severity, DEFAULTS[rule.meta.id] ?? 'warning', rule.meta.id);
  });

  it('keeps the package version and the CLI version equal', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(VERSION, pkg.version);
  });

  for (const pages of RULE_PAGES) {
    it(`has a ${pages.label}page for each rule and no other page in ${pages.dir}`, () => {
      const found = fs
        .readdirSync(path.join(REPO, pages.dir))
        .filter((f) => f !== 'README.md')
        .sort();
      assert.deepEqual(found, RULES.map((r) => `${r.meta.id}.md`).sort());
    });
  }

  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has its module, its test file, a description and a docs link', () => {
        assert.ok(fs.existsSync(path.join(REPO, 'server/src/core/rules', `${id}.ts`)), `server/src/core/rules/${id}.ts`);
        assert.ok(fs.existsSync(path.join(REPO, 'test/rules', `${id}.test.ts`)), `test/rules/${id}.test.ts`);
        assert.match(ruleDescription(id, translator('en')), /^[A-Z].+\.$/);
        assert.match(ruleDescription(id, translator('sv')), /^[A-ZÅÄÖ].+\.$/);
        assert.equal(docsUrl(id).endsWith(`/docs/rules/${id}.md`), true);
      });

      for (const pages of RULE_PAGES) {
        it(`has a ${pages.label}page with a bad and a fixed example, linked from the rules index`, () => {
          const page = readPage(`${pages.dir}/${id}.md`);
          assert.equal(page.split('\n')[0], `# \`${id}\``);
          assert.ok(example(page, pages.bad), `a \`\`\`yaml block under ## ${pages.bad}`);
          assert.ok(example(page, pages.fixed), `a \`\`\`yaml block under ## ${pages.fixed}`);
          const thirdLine = pages.thirdLine(rule.meta, rule.scope);
          const line = page.split('\n')[2];
          assert.ok(line === thirdLine || line.startsWith(`${thirdLine} (`), `the page gives the group, the default severity and the scope: ${thirdLine}`);
          assert.equal(docsUrl(id, pages.locale).endsWith(`/${pages.dir}/${id}.md`), true, 'diagnostics link to this page');
          const rulesReadme = readPage(`${pages.dir}/README.md`);
          assert.ok(rulesReadme.includes(`(${id}.md)`), `${pages.dir}/README.md links ${id}.md`);
          const acrossFiles = pages.acrossFiles.exec(rulesReadme)![1];
          assert.equal(acrossFiles.includes(`\`${id}\``), rule.scope === 'workspace', `${pages.dir}/README.md lists the rules across files`);
        });

        if (!NEEDS_MORE_FILES.has(id)) {
          it(`${pages.label}page's bad example triggers the rule and its fixed example does not`, () => {
            const page = readPage(`${pages.dir}/${id}.md`);
            const bad = lintRule(id, { 'example.kpi.yaml': example(page, pages.bad)! });
            const fixed = lintRule(id, { 'example.kpi.yaml': example(page, pages.fixed)! });
            assert.ok(bad.length > 0, 'the bad example triggers the rule');
            assert.deepEqual(fixed, []);
          });
        }
      }
    });
  }
});
