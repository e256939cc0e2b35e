/** Line breaks, and control characters a terminal would obey (an escape sequence in a KPI id must not recolour `kpi lint`'s output). */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** A value quoted from a file longer than this is shortened in a message. */
const MAX_QUOTED = 80;

/** A long value quoted in a message: its start and its end. */
export function shortened(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 20)}…${value.slice(-10)}` : value;
}

/**
 * A diagnostic message as one short, printable line, whatever the file
 * quoted in it holds: a long value in backticks keeps its start and end, and
 * line breaks and control characters are shown escaped (`\r`, `\u001b`).
 */
export function readableMessage(message: string): string {
  // Messages quote values from the file in backticks: every second part is one.
  const parts = message.split('`');
  const short = parts.length > 2 ? parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? shortened(part) : part)).join('`') : message;
  return short.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
