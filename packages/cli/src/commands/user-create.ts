import { createUser, generatePassword, roles, systemActor, type Role } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

export const userCreate: Command = {
  path: ['user', 'create'],
  summary: 'Add a user and print their one-time password',
  help: `Usage: vigie user create --email EMAIL --role ROLE [--name NAME] [--languages fr,ar] [--org SLUG]

Creates a user in the organisation (the only one, or --org SLUG) with a generated one-time password,
printed once on stdout; the user chooses their own at first login.

Options:
  --email EMAIL         login email (required)
  --role ROLE           ${roles.join(' | ')} (required)
  --name NAME           display name
  --languages LIST      comma-separated language tags the user reads (routes cases to them)
  --org SLUG            organisation slug`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      languages: { type: 'string' },
      ...organisationOption,
    });
    if (!values.email) throw new UsageError('--email is required');
    if (!values.role || !(roles as readonly string[]).includes(values.role)) {
      throw new UsageError(`--role must be one of ${roles.join(', ')}`);
    }
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const password = generatePassword();
      const user = await createUser(db, systemActor(organisation.id, 'cli'), {
        email: values.email as string,
        displayName: values.name,
        role: values.role as Role,
        password,
        mustChangePassword: true,
        languages: values.languages
          ?.split(',')
          .map((l) => l.trim())
          .filter(Boolean),
      });
      io.stdout.write(
        `created ${user.role} ${user.email} (${user.id}) in ${organisation.slug}\none-time password: ${password}\n`,
      );
      return EXIT.ok;
    });
  },
};
