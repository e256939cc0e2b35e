import { message } from './l10n/catalogue';
import { problem, type Problem } from './types';

/** The two bytes of a UTF-16 byte order mark (FF FE or FE FF), each replaced when read as UTF-8. */
const UTF16_BOM_READ_AS_UTF8 = '\ufffd\ufffd';

/** ASCII text in UTF-16 without a byte order mark: every other character of its start is NUL. */
function alternatesWithNul(text: string): boolean {
  const start = text.slice(0, 64);
  if (start.length < 4) return false;
  const nulAt = (parity: number) => [...start].every((c, i) => (i % 2 === parity) === (c === '\0'));
  return nulAt(0) || nulAt(1);
}

/**
 * What is wrong with a KPI file's text as decoded, if anything. KPI files are
 * UTF-8, and the editor and the CLI read them as UTF-8: a file saved as
 * UTF-16 arrives full of NUL characters, and one saved as Latin-1 or
 * Windows-1252 with a U+FFFD replacement character for each byte UTF-8 does
 * not allow. (A U+FFFD typed into a UTF-8 file is taken for one too.)
 */
export function encodingProblem(text: string): Problem | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0 && (text.startsWith(UTF16_BOM_READ_AS_UTF8) || alternatesWithNul(text))) {
    return problem(message('schema.file-utf16'), { start: 0, end: text.startsWith(UTF16_BOM_READ_AS_UTF8) ? 2 : 1 });
  }
  if (nul >= 0) return problem(message('schema.file-binary'), { start: nul, end: nul + 1 });
  const replaced = text.indexOf('\ufffd');
  if (replaced >= 0) {
    return problem(message('schema.file-not-utf8'), { start: replaced, end: replaced + 1 });
  }
  return undefined;
}
