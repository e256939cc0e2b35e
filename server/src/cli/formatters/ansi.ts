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

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * How many terminal columns a text takes: ANSI styles take none, nor do
 * combining marks and joiners; emoji and East Asian wide characters take two.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0)!;
    if (/[\p{Mn}\p{Me}]/u.test(char) || (code >= 0x200b && code <= 0x200f) || code === 0xfe0e || code === 0xfe0f) continue;
    width += /\p{Emoji_Presentation}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  }
  return width;
}

/** `text` padded with spaces to `width` terminal columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
