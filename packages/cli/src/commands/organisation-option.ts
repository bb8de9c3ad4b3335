import { findOrganisationBySlug, type Db, type Organisation } from '@vigie/server';
import { UsageError } from '../command.ts';

export const organisationOption = { org: { type: 'string' } } as const;

/** The organisation named by `--org SLUG`, or the only one when there is exactly one. */
export async function resolveOrganisation(db: Db, slug: string | undefined): Promise<Organisation> {
  if (slug) {
    const organisation = await findOrganisationBySlug(db, slug);
    if (!organisation) throw new UsageError(`no organisation with slug '${slug}'`);
    return organisation;
  }
  const all = await db.selectFrom('organisations').select('slug').limit(2).execute();
  if (all.length !== 1)
    throw new UsageError(
      all.length === 0
        ? 'no organisation yet: run vigie serve once'
        : 'several organisations exist: pass --org SLUG',
    );
  return (await findOrganisationBySlug(db, all[0]!.slug))!;
}
