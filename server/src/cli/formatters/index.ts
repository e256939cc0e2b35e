import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import type { Formatter } from './report';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const LINT_FORMATS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github, junit };
