import type { Kysely, Migration } from 'kysely';

/** Cases by incident: the incidents list counts each incident's linked and open cases. */
export const incidentCases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('cases_incident').on('cases').columns(['org_id', 'incident_id']).execute();
  },
};
