import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { docsUrl } from '../server/src/core/rule';
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

/** Rules whose examples need a second file (a CSV or another KPI file), which a page cannot hold. */
const NEEDS_MORE_FILES = new Set(['duplicate-id', 'source-column-missing', 'source-bad-row', 'source-outside-workspace']);

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

  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has its module, its test file, a description and a docs link', () => {
        assert.ok(fs.existsSync(path.join(REPO, 'server/src/core/rules', `${id}.ts`)), `server/src/core/rules/${id}.ts`);
        assert.ok(fs.existsSync(path.join(REPO, 'test/rules', `${id}.test.ts`)), `test/rules/${id}.test.ts`);
        assert.match(rule.meta.description, /^[A-Z].+\.$/);
        assert.equal(docsUrl(id).endsWith(`/docs/rules/${id}.md`), true);
      });

      it('has a page with a bad and a fixed example, linked from the rules index', () => {
        const page = fs.readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
        assert.equal(page.split('\n')[0], `# \`${id}\``);
        assert.ok(example(page, 'Bad'), 'a ```yaml block under ## Bad');
        assert.ok(example(page, 'Fixed'), 'a ```yaml block under ## Fixed');
        assert.match(page.split('\n')[2], new RegExp(`· \\*\\*Scope:\\*\\* ${rule.scope}\\b`), 'the page gives the scope');
        const rulesReadme = fs.readFileSync(path.join(REPO, 'docs/rules/README.md'), 'utf8');
        assert.ok(rulesReadme.includes(`(${id}.md)`), `docs/rules/README.md links ${id}.md`);
        const acrossFiles = /\*\*Scope\.\*\* Six rules look across files: (.*?)\. They/.exec(rulesReadme)![1];
        assert.equal(acrossFiles.includes(`\`${id}\``), rule.scope === 'workspace', 'docs/rules/README.md lists the rules across files');
      });

      if (!NEEDS_MORE_FILES.has(id)) {
        it("page's bad example triggers the rule and its fixed example does not", () => {
          const page = fs.readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
          const bad = lintRule(id, { 'example.kpi.yaml': example(page, 'Bad')! });
          const fixed = lintRule(id, { 'example.kpi.yaml': example(page, 'Fixed')! });
          assert.ok(bad.length > 0, 'the bad example triggers the rule');
          assert.deepEqual(fixed, []);
        });
      }
    });
  }
});
