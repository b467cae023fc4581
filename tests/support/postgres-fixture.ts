import { afterAll, beforeAll } from 'vitest';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

/** A test file's throwaway PostgreSQL, started before its tests and removed after them. */
export interface PostgresFixture {
  /** The running server (once `beforeAll` has run). */
  readonly server: PostgresServer;
  /** A new, empty database for one test: its URL, and where it is as the bot names it (no credentials). */
  newDatabase(): Promise<{ url: string; where: string }>;
}

/**
 * Starts a throwaway cluster for the test file (`beforeAll`) and removes it
 * (`afterAll`); call it inside a `describe.skipIf(skipWithoutPostgres())`.
 */
export function usePostgresServer(prefix: string): PostgresFixture {
  let server: PostgresServer | undefined;
  let databases = 0;
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the PostgreSQL server has not started (use the fixture inside the describe that needs it)');
      return server;
    },
    async newDatabase() {
      const name = `${prefix}_${(databases += 1)}`;
      const url = await this.server.createDatabase(name);
      return { url, where: `postgres://127.0.0.1:${this.server.port}/${name}` };
    },
  };
}
