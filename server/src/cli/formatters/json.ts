import type { Formatter } from './report';

/** SPEC §6: one object, files in path order, 1-based positions. */
export const json: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
