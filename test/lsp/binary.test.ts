import { after, describe, it } from 'node:test';
import { CHECKS, session, type Session } from './checks';
import { TestClient } from './client';

/** The same checks against `kpi-language-server --stdio`, as Neovim or Helix would start it. */
describe('language server, spawned as kpi-language-server --stdio', () => {
  const open: Session[] = [];
  after(async () => Promise.all(open.map((s) => s.client.shutdown())));
  for (const [name, check] of Object.entries(CHECKS)) {
    it(name, async () => {
      const s = await session(() => TestClient.spawned());
      open.push(s);
      await check(s);
    });
  }
});
