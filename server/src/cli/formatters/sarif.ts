import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { translator } from '../../core/l10n/catalogue';
import { docsUrl, ruleDescription } from '../../core/rule';
import { RULE_METAS } from '../../core/rules';
import type { Severity } from '../../core/types';
import { VERSION } from '../../version';
import type { Formatter } from './report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning uploads: every rule with its help link, paths relative to %SRCROOT%. */
export const sarif: Formatter = (report, { cwd, locale = 'en' }) => {
  const words = translator(locale);
  const rules: ReportingDescriptor[] = RULE_METAS.map((meta) => {
    const url = docsUrl(meta.id, locale);
    const description = ruleDescription(meta.id, words);
    return {
      id: meta.id,
      name: meta.id,
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: url,
      help: { text: words.t('cli.sarif-help', { description, url }), markdown: words.t('cli.sarif-help-markdown', { description, url }) },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: { tags: ['kpi', meta.group] },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: index.get(d.code),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kpi', informationUri: 'https://github.com/kpi-as-code/kpi-as-code', version: VERSION, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
        artifacts: report.files.map((f) => ({ location: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
