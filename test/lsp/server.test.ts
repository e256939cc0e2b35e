import { after, describe, it } from 'node:test';
import { CHECKS, session, type Session } from './checks';
import { TestClient } from './client';

describe('language server, in process', () => {
  const open: Session[] = [];
  after(async () => Promise.all(open.map((s) => s.client.shutdown())));
  for (const [name, check] of Object.entries(CHECKS)) {
    it(name, async () => {
      const s = await session(() => TestClient.inProcess());
      open.push(s);
      await check(s);
    });
  }
});
