/**
 * Times the fast YAML parser against `yaml`'s parseDocument on one large
 * synthetic KPI file (1000 KPIs, about 1 MB): the median of 5 runs each, in ms.
 * Run: `npx tsc -p . && node out/bench/fast-yaml.js`.
 */
import { parseDocument } from 'yaml';
import { fastParseDocument } from '../server/src/core/fast-yaml';
import { kpiFile } from './generate';

const RUNS = 5;
const OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false } as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const text = kpiFile('big', 1000, 50, 7);
const times = { yaml: [] as number[], yamlToJS: [] as number[], fast: [] as number[], fastToJS: [] as number[] };
// Alternate the parsers so that both see the same machine state, garbage collection included.
for (let run = 0; run < RUNS; run++) {
  let slow: ReturnType<typeof parseDocument> | undefined;
  times.yaml.push(time(() => (slow = parseDocument(text, OPTIONS))));
  times.yamlToJS.push(time(() => void slow!.toJS()));
  let fast: ReturnType<typeof fastParseDocument>;
  times.fast.push(time(() => (fast = fastParseDocument(text))));
  if (fast === undefined) throw new Error('the bench file left the fast path');
  times.fastToJS.push(time(() => void fast!.toJS()));
}

const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
const yaml = median(times.yaml) + median(times.yamlToJS);
const fast = median(times.fast) + median(times.fastToJS);
process.stdout.write(
  [
    `file: ${(text.length / 1024 / 1024).toFixed(2)} MB, median of ${RUNS} runs`,
    `yaml parseDocument   ${ms(times.yaml)}  + toJS ${ms(times.yamlToJS)}`,
    `fastParseDocument    ${ms(times.fast)}  + toJS ${ms(times.fastToJS)}`,
    `speed-up: parse ${(median(times.yaml) / median(times.fast)).toFixed(1)}x, parse + toJS ${(yaml / fast).toFixed(1)}x`,
    '',
  ].join('\n'),
);
