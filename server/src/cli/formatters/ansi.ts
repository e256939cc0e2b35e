export type Style = 'bold' | 'dim' | 'underline' | 'red' | 'yellow' | 'blue' | 'green' | 'cyan';

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  cyan: [36, 39],
};

/** A painter that applies ANSI styles, or leaves text as it is when colour is off. */
export function painter(color: boolean): (text: string, ...styles: Style[]) => string {
  return (text, ...styles) => (color ? styles.reduce((t, s) => `\u001b[${CODES[s][0]}m${t}\u001b[${CODES[s][1]}m`, text) : text);
}

/** Colour on a TTY unless NO_COLOR is set; FORCE_COLOR turns it on anywhere. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
