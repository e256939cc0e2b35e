import { strToU8, zipSync } from 'fflate';

/**
 * Minimal Excel workbooks (.xlsx) made in the tests: the parts a reader of
 * cell values needs, written as XML strings and zipped with fflate.
 */

/** A cell's XML. `ref` is its reference (`B7`), or undefined to leave it out as some writers do. */
export type Cell = string;

/** A numeric cell; `style` is its index in the styles' cellXfs. */
export function num(ref: string, value: number | string, style?: number): Cell {
  return `<c r="${ref}"${style === undefined ? '' : ` s="${style}"`}><v>${value}</v></c>`;
}

/** An inline string cell. */
export function text(ref: string, value: string): Cell {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
}

/** A cell holding the shared string at `index`. */
export function shared(ref: string, index: number): Cell {
  return `<c r="${ref}" t="s"><v>${index}</v></c>`;
}

/** A boolean cell. */
export function bool(ref: string, value: boolean): Cell {
  return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
}

/** A formula cell with its cached value (`str` for a text result). */
export function formula(ref: string, expression: string, cached: string, type?: 'str' | 'e'): Cell {
  return `<c r="${ref}"${type === undefined ? '' : ` t="${type}"`}><f>${escape(expression)}</f><v>${escape(cached)}</v></c>`;
}

/** A row of cells, numbered as in the sheet (1-based). */
export function row(r: number, ...cells: Cell[]): string {
  return `<row r="${r}">${cells.join('')}</row>`;
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface WorkbookSpec {
  /** The sheets in tab order, each with its `<row>` elements. */
  readonly sheets: readonly { readonly name: string; readonly rows: readonly string[] }[];
  /** The shared strings (`<si>` contents as XML, e.g. `<t>Month</t>`). */
  readonly sharedStrings?: readonly string[];
  /** The cell styles, by number format id: style i uses `styles[i]`. */
  readonly styles?: readonly number[];
  /** Custom number formats: id (164 and up) → format code. */
  readonly formats?: Readonly<Record<number, string>>;
  /** Excel's 1904 date system (old Mac workbooks). */
  readonly date1904?: boolean;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a workbook, by path in the zip, as XML text. */
export function workbookParts(spec: WorkbookSpec): Record<string, string> {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${REL_NS}>` +
      (spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
      `<sheets>${spec.sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      spec.sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      '</Relationships>',
  };
  spec.sheets.forEach((sheet, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheet.rows.join('')}</sheetData></worksheet>`;
  });
  if (spec.sharedStrings !== undefined) {
    parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${spec.sharedStrings.map((si) => `<si>${si}</si>`).join('')}</sst>`;
  }
  if (spec.styles !== undefined || spec.formats !== undefined) {
    const formats = Object.entries(spec.formats ?? {});
    parts['xl/styles.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>` +
      (formats.length > 0
        ? `<numFmts count="${formats.length}">${formats.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escape(code)}"/>`).join('')}</numFmts>`
        : '') +
      `<cellXfs>${(spec.styles ?? [0]).map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`;
  }
  return parts;
}

/** A zip of the parts, by path, from their XML text. */
export function zipParts(parts: Readonly<Record<string, string>>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}

/** A workbook's bytes. */
export function workbook(spec: WorkbookSpec): Uint8Array {
  return zipParts(workbookParts(spec));
}

/**
 * The zip with the uncompressed size that its central directory declares for
 * `name` set to `size`: a zip bomb says it unpacks to gigabytes, a lying one
 * to less than it does.
 */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 46 <= bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      return bytes;
    }
  }
  throw new Error(`no entry ${name}`);
}
