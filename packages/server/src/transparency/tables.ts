/** Tables of the transparency module (migration 0006-notifications). */

export type TdbSubmissionStatus = 'queued' | 'submitted' | 'rejected' | 'not_required';

/** One decision's statement of reasons on its way to (or in) the EU Transparency Database. */
export interface TdbSubmissionTable {
  decision_id: string;
  org_id: string;
  puid: string;
  status: TdbSubmissionStatus;
  /** The TDB's id and public link, stored back once it accepted the statement (spec §1.3). */
  tdb_uuid: string | null;
  permalink: string | null;
  /** JSON: our validator's violations or the TDB's 422 messages for a rejected statement. */
  errors: string | null;
  queued_at: number;
  updated_at: number;
  submitted_at: number | null;
}

declare module '../storage/schema.ts' {
  interface Database {
    tdb_submissions: TdbSubmissionTable;
  }
}
