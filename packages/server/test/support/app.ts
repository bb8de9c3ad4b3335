/** An in-process API for tests (Fastify `inject`, no socket), with helpers to set up organisations. */
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { operations } from '../../src/api/index.ts';
import { loadConfig, type ServerConfig } from '../../src/config.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { loadMasterKey } from '../../src/crypto/master-key.ts';
import { buildApp } from '../../src/http/app.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { createApiKey } from '../../src/identity/api-keys.ts';
import { createOrganisation, type Organisation } from '../../src/identity/organisations.ts';
import type { Permission, Role } from '../../src/identity/permissions.ts';
import { createUser, type User } from '../../src/identity/users.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  keyring: Keyring;
  database: TestDatabase;
  config: ServerConfig;
  /** Every log line the server wrote, for checking that no secret leaks. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ VIGIE_LOG_LEVEL: 'info', ...database.env, ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger('info', sink);
  const keyring = new Keyring(loadMasterKey({ dataDir: config.dataDir }));
  const app = await buildApp(
    { db: database.storage.db, config, log, keyring },
    { operations, serveConsole: false },
  );
  await app.ready();
  return {
    app,
    keyring,
    database,
    config,
    logs,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Member {
  user: User;
  email: string;
  /** Cookie and CSRF headers of a signed-in console session. */
  headers: Record<string, string>;
}

export interface TestOrganisation {
  organisation: Organisation;
  admin: Member;
  /** API key with every permission of the admin. */
  apiKeyHeaders: Record<string, string>;
  apiKeyId: string;
}

let counter = 0;

export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'vigie_session');
  return { cookie: `vigie_session=${cookie?.value}`, 'x-csrf-token': response.json().csrfToken as string };
}

/** A signed-in member of `organisation` who reads `languages` (French and English unless told). */
export async function addMember(
  t: TestApp,
  organisation: Organisation,
  role: Role,
  languages: string[] = ['fr', 'en'],
): Promise<Member> {
  counter += 1;
  const email = `${role}${counter}-${organisation.slug}@example.org`;
  const user = await createUser(t.database.storage.db, systemActor(organisation.id, 'test'), {
    email,
    role,
    password: TEST_PASSWORD,
    languages,
  });
  return { user, email, headers: await signIn(t.app, email) };
}

export async function createTestOrganisation(
  t: TestApp,
  name: string,
  permissions: Permission[],
): Promise<TestOrganisation> {
  const organisation = await createOrganisation(t.database.storage.db, { name: `${name} ${++counter}` });
  const admin = await addMember(t, organisation, 'admin');
  const { apiKey, secret } = await createApiKey(t.database.storage.db, systemActor(organisation.id, 'test'), {
    name: `${name} key`,
    permissions,
  });
  return { organisation, admin, apiKeyHeaders: { authorization: `Bearer ${secret}` }, apiKeyId: apiKey.id };
}
