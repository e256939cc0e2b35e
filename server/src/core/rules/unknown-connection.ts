import { closest, distance } from 'fastest-levenshtein';
import type { Rule } from '../rule';
import { querySource } from '../sources';
import { valueOf } from './helpers';

/** SPEC §8: a SQL source names a connection that kpi.config.yaml does not declare. */
export const unknownConnection: Rule = {
  scope: 'file',
  meta: {
    id: 'unknown-connection',
    group: 'data',
    severity: 'error',
    messages: ['none-declared', 'did-you-mean', 'unknown'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const source = querySource(kpi);
      const read = workspace.source(kpi);
      if (source === undefined || read?.kind !== 'unknown-connection') continue;
      const at = valueOf(kpi, 'source', 'connection');
      const connection = source.connection;
      if (read.names.length === 0) report({ file: kpi.file, at, messageId: 'none-declared', messageData: { connection } });
      else {
        // A suggestion only for what looks like a typing mistake; otherwise the connections there are.
        const suggestion = closest(connection, [...read.names]);
        if (distance(connection, suggestion) <= Math.max(1, Math.floor(connection.length / 3)))
          report({ file: kpi.file, at, messageId: 'did-you-mean', messageData: { connection, suggestion } });
        else report({ file: kpi.file, at, messageId: 'unknown', messageData: { connection, names: read.names.map((n) => `\`${n}\``).join(', ') } });
      }
    }
  },
};
