import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.ts';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { runVigie } from './support.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database.storage.db, { name: 'Point Test', slug: 'point-test' });
  env = { ...database.env };
});
afterAll(async () => database?.drop());

describe('vigie command line', () => {
  it('lists commands on --help (exit 0) and refuses unknown ones (exit 2)', async () => {
    const help = await runVigie(['--help']);
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(command.path.join(' '));
    const unknown = await runVigie(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await runVigie([])).code).toBe(2);
  });

  it('every command has --help', async () => {
    for (const command of commands) {
      const result = await runVigie([...command.path, '--help']);
      expect(result.code, command.path.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: vigie /);
    }
  });

  it('usage errors exit 2 with the help text', async () => {
    const missing = await runVigie(['user', 'create', '--role', 'admin'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email is required');
    const badFlag = await runVigie(['user', 'create', '--bogus'], env);
    expect(badFlag.code).toBe(2);
    const badRole = await runVigie(['user', 'create', '--email', 'x@example.org', '--role', 'king'], env);
    expect(badRole.code).toBe(2);
    const badPermission = await runVigie(
      ['apikey', 'create', '--name', 'k', '--permissions', 'everything'],
      env,
    );
    expect(badPermission.code).toBe(2);
  });

  it('migrate is idempotent', async () => {
    const result = await runVigie(['migrate'], env);
    expect(result).toMatchObject({ code: 0, stdout: 'already up to date\n' });
  });

  it('user create prints a one-time password', async () => {
    const result = await runVigie(
      ['user', 'create', '--email', 'Mod@Example.org', '--role', 'moderator', '--languages', 'fr,ar'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /created moderator mod@example.org .* in point-test\none-time password: \S{23}\n/,
    );
    const duplicate = await runVigie(
      ['user', 'create', '--email', 'mod@example.org', '--role', 'moderator'],
      env,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A user with this email exists');
  });

  it('apikey create prints the secret once, as JSON on request', async () => {
    const result = await runVigie(
      ['apikey', 'create', '--name', 'uploader', '--permissions', 'users:read,audit:read', '--json'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({ permissions: ['audit:read', 'users:read'] });
    expect(created.secret).toMatch(/^vk_[0-9a-f]{12}_/);
    const stored = await database.storage.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.secret);
  });

  it('refuses an unknown organisation slug', async () => {
    const result = await runVigie(
      ['apikey', 'create', '--name', 'k', '--permissions', 'users:read', '--org', 'nope'],
      env,
    );
    expect(result.code).toBe(2);
  });
});
