import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { toReport } from '../server/src/cli/lint-command';
import { cliLocale } from '../server/src/cli/locale';
import { usage } from '../server/src/cli/main';
import type { LintReport } from '../server/src/cli/formatters/report';
import { wrapWords } from '../server/src/cli/formatters/status-table';
import { lintPaths, lintFiles } from '../server/src/cli/workspace';
import type { LocaleOrPseudo } from '../server/src/core/l10n/locale';
import type { Scorecard } from '../server/src/core/scorecard';
import { plainText } from '../server/src/report/plain-text';
import { REPO } from './helpers';
import { outsideMarks } from './pseudo';

const BIN = path.join(REPO, 'bin', 'kpi.js');
const PITFALLS = path.join(REPO, 'samples', 'pitfalls');
const SAMPLES = path.join(REPO, 'samples');
const AS_OF = '2026-11-27';

/** `kpi ...args` as a user runs it, with exactly the environment given (and PATH). */
function kpi(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-locale-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The language `kpi lint --help` answers in. */
function language(cwd: string, args: string[], env: NodeJS.ProcessEnv): 'en' | 'sv' | 'qps-ploc' {
  const { status, stdout } = kpi(cwd, [...args, '--help'], env);
  assert.equal(status, 0);
  if (stdout.startsWith('⟦Usage: kpi lint')) return 'qps-ploc';
  if (stdout.startsWith('Användning: kpi lint')) return 'sv';
  assert.ok(stdout.startsWith('Usage: kpi lint'), stdout);
  return 'en';
}

/** The messages of the pitfalls workspace as the engine says them in a language, in the order the CLI prints them. */
function pitfallMessages(locale: LocaleOrPseudo): LintReport {
  const { result } = lintPaths({ paths: [], cwd: PITFALLS, asOf: AS_OF, locale });
  return toReport(result.files, PITFALLS, false);
}

describe('the CLI language (SPEC §9)', () => {
  const plain = folder();
  const configured = (locale: string) => folder({ 'kpi.config.yaml': `locale: ${locale}\n` });

  it('comes from each source: --locale, KPI_LOCALE, locale in kpi.config.yaml, LC_ALL, LC_MESSAGES, LANG', () => {
    assert.equal(language(plain, ['lint', '--locale', 'sv'], {}), 'sv');
    assert.equal(language(plain, ['lint', '--locale=sv_SE.UTF-8'], {}), 'sv');
    assert.equal(language(plain, ['lint'], { KPI_LOCALE: 'sv' }), 'sv');
    assert.equal(language(configured('sv'), ['lint'], {}), 'sv');
    assert.equal(language(plain, ['lint'], { LC_ALL: 'sv_SE.UTF-8' }), 'sv');
    assert.equal(language(plain, ['lint'], { LC_MESSAGES: 'sv_SE.UTF-8' }), 'sv');
    assert.equal(language(plain, ['lint'], { LANG: 'sv_SE.UTF-8' }), 'sv');
    assert.equal(language(plain, ['lint'], {}), 'en', 'none: English');
  });

  it('takes the first source that names a locale: flag > KPI_LOCALE > config > LC_ALL > LC_MESSAGES > LANG', () => {
    const sv = configured('sv');
    const en = configured('en');
    assert.equal(language(sv, ['lint', '--locale', 'en'], { KPI_LOCALE: 'sv', LANG: 'sv_SE.UTF-8' }), 'en', 'the flag first');
    assert.equal(language(sv, ['lint'], { KPI_LOCALE: 'en', LC_ALL: 'sv_SE.UTF-8' }), 'en', 'KPI_LOCALE before the configuration');
    assert.equal(language(en, ['lint'], { LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' }), 'en', 'the configuration before LC_ALL');
    assert.equal(language(sv, ['lint'], { LC_ALL: 'en_US.UTF-8' }), 'sv', 'the configuration before LC_ALL');
    assert.equal(language(plain, ['lint'], { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'sv_SE.UTF-8' }), 'en', 'LC_ALL before LC_MESSAGES');
    assert.equal(language(plain, ['lint'], { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'sv_SE.UTF-8' }), 'en', 'LC_MESSAGES before LANG');
    assert.equal(language(plain, ['lint', '--config', path.join(sv, 'kpi.config.yaml')], {}), 'sv', 'the configuration --config names');
  });

  it('reads C and POSIX as English, sv_SE.UTF-8 as Swedish, an unknown locale as English; qps-ploc is the pseudo-locale', () => {
    assert.equal(language(plain, ['lint'], { LC_ALL: 'C', LANG: 'sv_SE.UTF-8' }), 'en');
    assert.equal(language(plain, ['lint'], { LC_ALL: 'POSIX', LANG: 'sv_SE.UTF-8' }), 'en');
    assert.equal(language(plain, ['lint'], { LANG: 'C.UTF-8' }), 'en');
    assert.equal(language(plain, ['lint'], { LANG: 'de_DE.UTF-8' }), 'en');
    assert.equal(language(plain, ['lint'], { KPI_LOCALE: 'sv-SE' }), 'sv');
    assert.equal(language(plain, ['lint'], { KPI_LOCALE: '', LANG: 'sv_SE.UTF-8' }), 'sv', 'an empty variable names no locale');
    assert.equal(language(plain, ['lint', '--locale', 'qps-ploc'], {}), 'qps-ploc');
  });

  it('is worked out the same way in the process (cliLocale), the configuration read only when it decides', () => {
    const sv = configured('sv');
    const broken = folder({ 'kpi.config.yaml': 'locale: [sv\n' });
    assert.equal(cliLocale(['lint'], { cwd: sv, env: {} }), 'sv');
    assert.equal(cliLocale(['lint', '--locale', 'en'], { cwd: sv, env: {} }), 'en');
    assert.equal(cliLocale(['lint', '--', '--locale', 'sv'], { cwd: plain, env: {} }), 'en', 'after -- it is a path');
    assert.equal(cliLocale(['lint'], { cwd: broken, env: { LANG: 'sv_SE.UTF-8' } }), 'sv', 'a configuration that cannot be read decides nothing');
    assert.equal(cliLocale(['lint'], { cwd: path.join(sv, 'missing'), env: {} }), 'sv', 'the nearest configuration above');
  });

  it('comes before the command too: kpi --locale sv --help', () => {
    const { status, stdout } = kpi(plain, ['--locale', 'sv', '--help']);
    assert.equal(status, 0);
    assert.equal(stdout, `${usage('sv')}\n`);
  });
});

describe('kpi in Swedish', () => {
  it('kpi --help and kpi lint --help', () => {
    const cwd = folder();
    const main = kpi(cwd, ['--help'], { LANG: 'sv_SE.UTF-8' });
    assert.equal(main.status, 0);
    const lines = main.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 7), [
      'Användning: kpi <kommando> [flaggor]',
      '',
      'Kommandon:',
      '  lint [SÖKVÄG...]     kontrollera KPI-filer mot schemat och regelkatalogen',
      '  status [SÖKVÄG...]   visa styrkortet: varje mål och nyckeltal mot sitt målvärde',
      '  diff [SÖKVÄG...]     visa vad en ändring i KPI-filerna gör med styrkortet, mot en git-revision',
      '  init [MAPP]          skriv en exempelarbetsyta att utgå från: KPI-filer, en CSV-fil, en konfiguration, ett arbetsflöde för CI',
    ]);
    assert.ok(lines.includes('Kör "kpi <kommando> --help" för ett kommandos flaggor.'));
    const lint = kpi(cwd, ['lint', '--help', '--locale', 'sv']);
    assert.equal(lint.status, 0);
    assert.ok(main.stdout.includes(lint.stdout.trimEnd()), 'kpi --help holds each command’s usage');
    assert.deepEqual(lint.stdout.split('\n').slice(0, 8), [
      'Användning: kpi lint [SÖKVÄG...] [flaggor]',
      '',
      'Kontrollera KPI-filer (*.kpi.yaml, *.kpi.yml) i de angivna filerna och mapparna (standard: .).',
      '',
      'Flaggor:',
      '  --format stylish|json|sarif|github|junit   format på utdata (standard: stylish)',
      '  --as-of ÅÅÅÅ-MM-DD                         bedöm datum per den här dagen (standard: i dag)',
      '  --config FIL                               använd den här kpi.config.yaml (standard: den närmaste)',
    ]);
    assert.ok(lint.stdout.includes('\n  --locale NAMN                              språket i utdata: en eller sv (standard: från miljön)\n'));
    assert.ok(lint.stdout.endsWith('Slutkoder: 0 inga fel, 1 fel vid kontrollen eller för många varningar, 2 felaktig användning eller I/O-fel.\n'));
  });

  it('kpi lint on the pitfalls workspace: Swedish severities and the summary line, codes as they are', () => {
    const { status, stdout } = kpi(PITFALLS, ['lint', '--as-of', AS_OF], { LANG: 'sv_SE.UTF-8' });
    assert.equal(status, 1);
    const report = pitfallMessages('sv');
    const said = (file: string, line: number) => report.files.find((f) => f.path === file)!.diagnostics.find((d) => d.line === line)!.message;
    const lines = stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['', 'broken-syntax.kpi.yaml', `  9:11  fel  ${said('broken-syntax.kpi.yaml', 9)}  yaml-syntax`, '']);
    const goals = lines.indexOf('goals.kpi.yaml');
    assert.deepEqual(lines.slice(goals, goals + 4), [
      'goals.kpi.yaml',
      `  58:9   varning  ${said('goals.kpi.yaml', 58)}  unmeasured-goal`,
      `  66:13  fel      ${said('goals.kpi.yaml', 66)}  unknown-goal`,
      `  73:13  fel      ${said('goals.kpi.yaml', 73)}  goal-cycle`,
    ]);
    assert.ok(lines.some((line) => /^ {2}23:9 {4}info {5}.* {2}no-data$/.test(line)));
    assert.deepEqual(lines.slice(-3), ['✖ 47 problem (20 fel, 21 varningar, 6 info)', '', '']);
    // The summary in English for comparison: the same counts.
    assert.ok(kpi(PITFALLS, ['lint', '--as-of', AS_OF]).stdout.endsWith('\n✖ 47 problems (20 errors, 21 warnings, 6 infos)\n\n'));
  });

  it('kpi lint --format json and sarif: the same codes, positions and structure, the messages in Swedish', () => {
    const en = JSON.parse(kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'json']).stdout) as LintReport;
    const sv = JSON.parse(kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'json', '--locale', 'sv']).stdout) as LintReport;
    const shape = (report: LintReport) => ({
      ...report,
      files: report.files.map((f) => ({ ...f, diagnostics: f.diagnostics.map((d) => ({ ...d, message: '' })) })),
    });
    assert.deepEqual(shape(sv), shape(en));
    assert.deepEqual(sv, pitfallMessages('sv'));

    const sarifEn = JSON.parse(kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'sarif']).stdout) as Log;
    const sarifSv = JSON.parse(kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'sarif', '--locale', 'sv']).stdout) as Log;
    const [runEn, runSv] = [sarifEn.runs[0], sarifSv.runs[0]];
    assert.deepEqual(
      runSv.results!.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations]),
      runEn.results!.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations]),
    );
    assert.deepEqual(
      runSv.results!.map((r) => r.message.text),
      sv.files.flatMap((f) => f.diagnostics.map((d) => d.message)),
    );
    const rule = runSv.tool.driver.rules!.find((r) => r.id === 'unknown-goal')!;
    assert.equal(rule.helpUri, runEn.tool.driver.rules!.find((r) => r.id === 'unknown-goal')!.helpUri!.replace('/rules/', '/sv/rules/'));
    assert.match(rule.helpUri ?? '', /\/docs\/sv\/rules\/unknown-goal\.md$/);
    const described = 'Ett nyckeltals `goals` och ett måls `parent` ska ange mål som är definierade i arbetsytan.';
    assert.equal(rule.shortDescription!.text, described);
    assert.equal(rule.fullDescription!.text, described);
    assert.equal(rule.help!.text, `${described} Se ${rule.helpUri}`);
    assert.equal(rule.help!.markdown, `${rule.fullDescription!.text} [Dokumentation](${rule.helpUri})`);
  });

  it('kpi lint --format junit and github: Swedish words around the messages, the structure as it is', () => {
    const junit = kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'junit', '--locale', 'sv']).stdout;
    assert.ok(junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kpi lint" tests="'));
    assert.ok(junit.includes('<testcase name="unknown-goal på 66:13" classname="goals.kpi.yaml" time="0">'));
    assert.ok(junit.includes('<system-out>data.kpi.yaml:23:9: info: '));
    assert.match(junit, /<failure type="goal-cycle" message="[^"]*">goals\.kpi\.yaml:73:13: fel: /);
    const github = kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', 'github', '--locale', 'sv']).stdout;
    assert.match(github, /^::error file=goals\.kpi\.yaml,line=66,col=13,endLine=66,endColumn=\d+,title=kpi unknown-goal::.* \(unknown-goal\)$/m);
  });

  it('says what is wrong with the use, the files and the configuration in Swedish', () => {
    const cwd = folder({ 'a.kpi.yaml': 'kpi: 1\n' });
    assert.deepEqual(kpi(cwd, ['lint', '--colour', '--locale', 'sv']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: okänd flagga --colour; kör "kpi lint --help"\n',
    });
    assert.deepEqual(kpi(cwd, ['lint', '--format'], { KPI_LOCALE: 'sv' }), {
      status: 2,
      stdout: '',
      stderr: 'kpi: flaggan --format behöver ett värde; kör "kpi lint --help"\n',
    });
    assert.deepEqual(kpi(cwd, ['lint', '--quiet=ja', '--locale', 'sv']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: flaggan --quiet tar inget värde; kör "kpi lint --help"\n',
    });
    assert.deepEqual(kpi(cwd, ['frobnicate', '--locale', 'sv']), { status: 2, stdout: '', stderr: 'kpi: okänt kommando "frobnicate"; kör "kpi --help"\n' });
    assert.deepEqual(kpi(cwd, ['lint', 'saknas', '--locale', 'sv']), { status: 2, stdout: '', stderr: 'kpi: kan inte läsa saknas: den finns inte\n' });
    assert.deepEqual(kpi(cwd, ['lint', '--format', 'pdf', '--locale', 'sv']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: --format ska vara en av stylish, json, sarif, github, junit, inte "pdf"\n',
    });
    assert.deepEqual(kpi(cwd, ['lint', '--as-of', '2026-02-30', '--locale', 'sv']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: --as-of ska vara ett verkligt datum ÅÅÅÅ-MM-DD, inte "2026-02-30"\n',
    });
    fs.writeFileSync(path.join(cwd, 'kpi.config.yaml'), 'locale: sv\ncolour: red\nrules:\n  missing-ownr: off\n');
    assert.deepEqual(kpi(cwd, ['lint']), {
      status: 2,
      stdout: '',
      stderr:
        `kpi: ${path.join(cwd, 'kpi.config.yaml')}: okänd nyckel \`colour\`; tillåtna: rules, ignore, status, locale, title, fiscalYearStart, connections; ` +
        'okänd regel `missing-ownr` (menade du `missing-owner`?)\n',
    });
    fs.writeFileSync(path.join(cwd, 'kpi.config.yaml'), 'locale: 7\n');
    assert.equal(
      kpi(cwd, ['lint'], { LANG: 'sv_SE.UTF-8' }).stderr,
      `kpi: ${path.join(cwd, 'kpi.config.yaml')}: \`locale\` ska vara ett språk, till exempel en eller sv, inte 7\n`,
    );
  });

  it('keys the cache on the language: a run in another language lints anew', () => {
    const cwd = folder({ 'a.kpi.yaml': 'kpi: 1\nkpis:\n  - id: x\n    name: X\n    category: hr\n' });
    const options = { paths: [], cwd, asOf: AS_OF };
    const cache = path.join(cwd, '.kpicache');
    assert.equal(lintFiles({ ...options, locale: 'en' }, cache).linted?.length, 1);
    assert.equal(lintFiles({ ...options, locale: 'en' }, cache).linted?.length, 0, 'the same language: from the cache');
    const swedish = lintFiles({ ...options, locale: 'sv' }, cache);
    assert.equal(swedish.linted?.length, 1, 'another language: linted anew');
    assert.deepEqual(
      swedish.files[0].diagnostics.map((d) => d.message),
      lintPaths({ ...options, locale: 'sv' }).result.files[0].diagnostics.map((d) => d.message),
    );
  });

  it('kpi init writes the Swedish example, which lints clean and speaks Swedish afterwards', () => {
    const cwd = folder();
    const init = kpi(cwd, ['init', '--locale', 'sv']);
    assert.equal(init.status, 0, init.stderr);
    assert.deepEqual(init.stdout.split('\n').slice(0, 15), [
      'Skapade kpi.config.yaml',
      'Skapade goals.kpi.yaml',
      'Skapade kpis.kpi.yaml',
      'Skapade data/intakter.csv',
      'Skapade .github/workflows/kpi.yml',
      'Skapade .gitignore',
      '',
      'Sedan:',
      '  npm install --save-dev kpi-as-code   ha kpi i projektet (arbetsflödet kör det)',
      '  npx kpi lint                         kontrollera KPI-filerna',
      '  npx kpi status                       se styrkortet',
      '  code .                               öppna i VS Code med tillägget KPI as Code: problem medan du skriver, förhandsvisning av styrkortet',
      'Checka sedan in filerna: .github/workflows/kpi.yml kontrollerar varje pull request.',
      '',
    ]);
    const goals = fs.readFileSync(path.join(cwd, 'goals.kpi.yaml'), 'utf8');
    assert.match(goals, /title: Öka de återkommande intäkterna med 20 % på två år/);
    assert.match(fs.readFileSync(path.join(cwd, 'kpis.kpi.yaml'), 'utf8'), /name: Leveransprecision/);
    assert.match(fs.readFileSync(path.join(cwd, 'kpi.config.yaml'), 'utf8'), /^locale: sv$/m);
    assert.equal(
      fs.readFileSync(path.join(cwd, '.gitignore'), 'utf8'),
      '# Hemligheterna för kpi refresh: ${NAME} i kpi.config.yaml läses från miljön\n# eller från .env, och .env checkas aldrig in.\n.env\n',
    );
    // Linted as of today, the day it was written for: clean, and in Swedish without --locale (its configuration says sv).
    assert.deepEqual(kpi(cwd, ['lint']), { status: 0, stdout: '', stderr: '' });
    assert.deepEqual(kpi(cwd, ['lint', '--max-warnings', '0', '--format', 'json']).status, 0);
    assert.match(kpi(cwd, ['lint', '--help']).stdout, /^Användning: kpi lint/);
    const again = kpi(cwd, ['init']);
    assert.ok(again.stdout.startsWith('Behöll kpi.config.yaml: den finns redan (kpi init --force skriver över den)\n'));
    assert.ok(again.stdout.includes('\nBehöll .gitignore: den listar redan .env\nInget skrevs: alla filer i exemplet finns redan.\n'));
  });

  it('kpi init in English keeps the English example', () => {
    const cwd = folder();
    assert.equal(kpi(cwd, ['init'], { LANG: 'C.UTF-8' }).status, 0);
    assert.ok(fs.existsSync(path.join(cwd, 'data', 'recurring-revenue.csv')));
    assert.doesNotMatch(fs.readFileSync(path.join(cwd, 'kpi.config.yaml'), 'utf8'), /^locale:/m);
  });
});

/**
 * What may stand outside the ⟦…⟧ marks of the pseudo-locale: the file paths
 * of the workspace, positions, rule codes, and the user's own text, which in
 * stylish output is the message column (the rules' messages, checked against
 * the engine's in the same locale: the rules' area marks them). Everything
 * else the CLI prints must come from the catalogue.
 */
function unmarked(text: string, allowed: readonly string[]): string[] {
  return outsideMarks(text)
    .split('\n')
    .map((line) => allowed.reduce((left, word) => left.split(word).join(''), line))
    .filter((line) => /\p{L}/u.test(line));
}

/**
 * EXCEPTION, to be removed when the rules' descriptions come from the
 * catalogue: SARIF's `shortDescription` and `fullDescription` of a rule are
 * the rule's English `meta.description` in every language
 * (server/src/core/rules/*.ts; see cli/formatters/sarif.ts).
 */
function xmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What a person sees or hears of an HTML page: the body's text, the title, and the aria-label, title and placeholder attributes. */
function visibleText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
  const attributes = [...html.matchAll(/ (?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = body
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .trim();
  return [text, title, ...attributes].map(xmlText).join('\n');
}

describe('the pseudo-locale (qps-ploc)', () => {
  it('marks every text of kpi --help', () => {
    const { status, stdout } = kpi(folder(), ['--help', '--locale', 'qps-ploc']);
    assert.equal(status, 0);
    assert.ok(stdout.startsWith('⟦Usage: kpi <command> [options]'));
    assert.deepEqual(unmarked(stdout, []), []);
  });

  it('marks every word of kpi lint around the messages; the messages are the engine’s in the pseudo-locale', () => {
    const { stdout } = kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--locale', 'qps-ploc']);
    const report = pitfallMessages('qps-ploc');
    const messages = report.files.flatMap((f) => f.diagnostics.map((d) => plainText(d.message.replace(/\s*\n\s*/g, ' '))));
    const allowed = [...new Set([...report.files.map((f) => f.path), ...report.files.flatMap((f) => f.diagnostics.map((d) => d.code))])];
    // Longest first, so that a message holding a shorter one is taken whole.
    const byLength = [...new Set(messages)].sort((a, b) => b.length - a.length);
    assert.deepEqual(unmarked(stdout, [...byLength, ...allowed.sort((a, b) => b.length - a.length)]), []);
    assert.ok(stdout.includes('\n  9:11  ⟦error⟧  '));
    assert.ok(stdout.endsWith('\n⟦✖ 47 problems (20 errors, 21 warnings, 6 infos)⟧\n\n'));
  });

  it('marks every word of kpi lint --format json, sarif, github and junit around the messages', () => {
    const report = pitfallMessages('qps-ploc');
    const messages = report.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    assert.ok(messages.length > 40);
    const lint = (format: string) => {
      const { status, stdout, stderr } = kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--format', format, '--locale', 'qps-ploc']);
      assert.equal(status, 1, stderr);
      return stdout;
    };
    const paths = report.files.map((f) => f.path);
    const codes = [...new Set(report.files.flatMap((f) => f.diagnostics.map((d) => d.code)))];
    const longestFirst = (texts: string[]) => [...new Set(texts)].sort((a, b) => b.length - a.length);

    // JSON: the messages are the only words; they are the engine's.
    assert.deepEqual(JSON.parse(lint('json')), report);

    // SARIF: the results' messages, and the rules' help around their descriptions.
    const sarif = JSON.parse(lint('sarif')) as Log;
    const run = sarif.runs[0];
    assert.deepEqual(
      run.results!.map((r) => r.message.text),
      messages,
    );
    for (const rule of run.tool.driver.rules!) {
      assert.match(rule.shortDescription!.text, /^⟦.+⟧$/, rule.id);
      assert.deepEqual(unmarked(rule.shortDescription!.text, []), [], rule.id);
      assert.equal(rule.fullDescription!.text, rule.shortDescription!.text, rule.id);
      assert.deepEqual(unmarked(rule.help!.text, [rule.helpUri!]), [], rule.help!.text);
      assert.deepEqual(unmarked(rule.help!.markdown!, [rule.helpUri!]), [], rule.help!.markdown);
    }

    // GitHub annotations: the workflow command's own syntax, the paths, the codes and the messages.
    const github = lint('github').replace(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kpi /gm, '');
    assert.deepEqual(unmarked(github, longestFirst([...messages, ...codes])), []);

    // JUnit: the XML's element and attribute names are structure; its texts and the values of name and message are words.
    const junit = lint('junit');
    const said = [...[...junit.matchAll(/ (?:name|message)="([^"]*)"/g)].map((m) => m[1]), ...[...junit.matchAll(/>([^<]+)</g)].map((m) => m[1])].map(xmlText);
    assert.ok(said.length > 80);
    // The suite is named after the command, `kpi lint`, as a user types it.
    assert.deepEqual(unmarked(said.join('\n'), longestFirst([...messages, ...paths, ...codes, 'kpi lint'])), []);
  });

  it('marks every word of kpi status in each format, apart from the workspace’s own words', () => {
    const status = (format: string) => {
      const result = kpi(SAMPLES, ['status', '--as-of', AS_OF, '--format', format, '--locale', 'qps-ploc']);
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    const scorecard = JSON.parse(status('json')) as Scorecard;
    // JSON: figures and codes stay as they are; the reasons are the words. The title of kpi.config.yaml is the user's, as written.
    assert.ok(scorecard.kpis.length > 5);
    for (const k of scorecard.kpis) assert.match(k.reason, /^⟦.*⟧$/, k.id);
    assert.equal(scorecard.title, 'Nordvik Outdoor AB 2026');
    assert.deepEqual(
      { ...scorecard, title: '', kpis: scorecard.kpis.map((k) => ({ ...k, reason: '' })) },
      (() => {
        const english = JSON.parse(kpi(SAMPLES, ['status', '--as-of', AS_OF, '--format', 'json', '--locale', 'en']).stdout) as Scorecard;
        return { ...english, title: '', kpis: english.kpis.map((k) => ({ ...k, reason: '' })) };
      })(),
    );
    // The people's own words in the samples: the title of kpi.config.yaml, goal titles, KPI names and owners, and the dates and notes of
    // their measurements (the history chart).
    const users = [
      scorecard.title,
      ...scorecard.goals.flatMap((g) => [g.title, g.owner]),
      ...scorecard.kpis.flatMap((k) => [
        k.name,
        k.owner,
        ...k.history.flatMap((m) => [m.date, m.note ?? null]),
        // The chart's table also has a row for each point of the plan line without a measurement.
        ...[k.baseline?.date, ...k.plan.map((p) => p.date), k.target?.date].filter((date) => date !== undefined),
      ]),
    ]
      .filter((t): t is string => t !== null)
      .sort((a, b) => b.length - a.length);
    // The table wraps a long KPI name in its column, at spaces: the pieces are the user's words too.
    const pieces = scorecard.kpis.flatMap((k) => Array.from({ length: 70 }, (_, i) => wrapWords(k.name, 12 + i)).flat());
    assert.deepEqual(
      unmarked(
        status('table'),
        [...new Set([...users, ...pieces])].sort((a, b) => b.length - a.length),
      ),
      [],
    );
    assert.deepEqual(unmarked(status('markdown'), users), []);
    const html = status('html');
    assert.match(html, /<html lang="[^"]*" data-locale="qps-ploc">/);
    assert.deepEqual(unmarked(visibleText(html), users), []);
    assert.ok(
      unmarked(visibleText(kpi(SAMPLES, ['status', '--as-of', AS_OF, '--format', 'html', '--locale', 'en']).stdout), users).length > 0,
      'the check sees English',
    );
  });

  it('marks every word kpi init says', () => {
    const { status, stdout } = kpi(folder(), ['init', '--locale', 'qps-ploc']);
    assert.equal(status, 0);
    // The commands it suggests are typed as they are, and the files it wrote are named.
    const typed = ['npm install --save-dev kpi-as-code', 'npx kpi lint', 'npx kpi status', 'code .'];
    assert.deepEqual(unmarked(stdout, typed), []);
  });

  it('marks the errors of the CLI', () => {
    const cwd = folder({ 'a.kpi.yaml': 'kpi: 1\n' });
    for (const args of [
      ['lint', '--colour'],
      ['lint', 'missing'],
      ['status', '--format', 'pdf'],
      ['init', 'a', 'b'],
    ]) {
      const { stderr } = kpi(cwd, [...args, '--locale', 'qps-ploc']);
      assert.ok(stderr.startsWith('kpi: ⟦'), stderr);
      assert.deepEqual(unmarked(stderr.replace(/^kpi: /, ''), []), [], stderr);
    }
  });
});

describe('the output does not depend on the machine', () => {
  it('is the same under LANG=C.UTF-8 and LANG=sv_SE.UTF-8 with --locale en, in any time zone', () => {
    const machines: NodeJS.ProcessEnv[] = [
      { LANG: 'C.UTF-8', TZ: 'UTC' },
      { LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8', TZ: 'Pacific/Auckland' },
    ];
    for (const args of [
      ['lint', '--as-of', AS_OF],
      ['lint', '--as-of', AS_OF, '--format', 'json'],
      ['status', '--as-of', AS_OF],
      ['status', '--as-of', AS_OF, '--format', 'markdown'],
      ['--help'],
    ]) {
      const [first, second] = machines.map((env) => kpi(PITFALLS, [...args, '--locale', 'en'], env));
      assert.deepEqual(second, first, args.join(' '));
      assert.ok(first.stdout.length > 0);
    }
    // And the same in Swedish on both.
    const [first, second] = machines.map((env) => kpi(PITFALLS, ['lint', '--as-of', AS_OF, '--locale', 'sv'], env));
    assert.deepEqual(second, first);
  });
});
