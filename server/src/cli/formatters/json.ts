import type { Formatter, LintReport } from './report';

/** SPEC §6: one object, files in path order, 1-based positions. */
export const json: Formatter = (report) => [...jsonParts(report)].join('');

/**
 * The text of `json` a file at a time, exactly as `JSON.stringify(report,
 * null, 2)` writes it: 35,000 diagnostics are 12 MB of JSON, which `kpi lint`
 * writes as it goes rather than holding at once.
 */
export function* jsonParts(report: LintReport): Generator<string> {
  // The object around the files, as a whole report without any.
  const [head, tail] = `${JSON.stringify({ ...report, files: [] }, null, 2)}\n`.split('"files": []');
  yield `${head}"files": [`;
  let first = true;
  for (const file of report.files) {
    // Each file two levels in: its lines indented by four more spaces (line breaks in strings are escaped).
    yield `${first ? '' : ','}\n    ${JSON.stringify(file, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]${tail}`;
}
