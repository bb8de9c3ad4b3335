import { createApiKey, isPermission, permissions, systemActor, type Permission } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

export const apikeyCreate: Command = {
  path: ['apikey', 'create'],
  summary: 'Create an API key and print its secret once',
  help: `Usage: vigie apikey create --name NAME --permissions LIST [--org SLUG] [--json]

Creates an API key for the organisation (the only one, or --org SLUG). The secret is printed once;
only its hash is stored.

Options:
  --name NAME           what the key is for (required)
  --permissions LIST    comma-separated permissions (required), from:
                        ${permissions.join(', ')}
  --org SLUG            organisation slug
  --json                print {"id","secret","permissions"} as JSON`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      name: { type: 'string' },
      permissions: { type: 'string' },
      json: { type: 'boolean' },
      ...organisationOption,
    });
    if (!values.name) throw new UsageError('--name is required');
    const requested = (values.permissions ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (requested.length === 0) throw new UsageError('--permissions is required');
    const unknown = requested.find((p) => !isPermission(p));
    if (unknown) throw new UsageError(`unknown permission '${unknown}'`);
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const { apiKey, secret } = await createApiKey(db, systemActor(organisation.id, 'cli'), {
        name: values.name as string,
        permissions: requested as Permission[],
      });
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ id: apiKey.id, secret, permissions: apiKey.permissions })}\n`
          : `created API key ${apiKey.id} (${apiKey.permissions.join(', ')})\nsecret: ${secret}\n`,
      );
      return EXIT.ok;
    });
  },
};
