import type { Formatter, ReportCounts, ReportedFile } from './report';

/** SPEC §6: one object, files in path order, 1-based positions. */
export const json: Formatter = (report) => [...jsonParts(report)].join('');

/** `{\n  "f": [\n    ` and `\n  ]\n}` around an object JSON.stringify writes two levels in. */
const NESTED_START = '{\n  "f": [\n    '.length;
const NESTED_END = '\n  ]\n}'.length;

/**
 * The text of `json` a file at a time, exactly as `JSON.stringify(report,
 * null, 2)` writes it: 35,000 diagnostics are 12 MB of JSON, which `kpi lint`
 * writes as it goes rather than holding at once. `report.files` may be made
 * as they are read (`kpi lint` makes each file's positions then).
 */
export function* jsonParts(report: ReportCounts & { readonly files: Iterable<ReportedFile> }): Generator<string> {
  // The object around the files, as a whole report without any.
  const [head, tail] = `${JSON.stringify({ ...report, files: [] }, null, 2)}\n`.split('"files": []');
  yield `${head}"files": [`;
  let first = true;
  for (const file of report.files) {
    // Each file two levels in, as JSON.stringify indents an object in a list under a key: cut out of `{ "f": [file] }`.
    const nested = JSON.stringify({ f: [file] }, null, 2);
    yield `${first ? '' : ','}\n    ${nested.slice(NESTED_START, nested.length - NESTED_END)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]${tail}`;
}
