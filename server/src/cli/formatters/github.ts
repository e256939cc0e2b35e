import type { Formatter } from './report';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export const github: Formatter = (report) => {
  const lines = report.files.flatMap((file) =>
    file.diagnostics.map((d) => {
      const properties = [
        `file=${escapeProperty(file.path)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`kpi ${d.code}`)}`,
      ];
      return `::${COMMAND[d.severity]} ${properties.join(',')}::${escapeData(`${d.message} (${d.code})`)}`;
    }),
  );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
