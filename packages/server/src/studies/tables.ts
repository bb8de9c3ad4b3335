/** Tables of collective studies (migration 0008-notices). */

export interface StudyTable {
  id: string;
  /** Globally unique name, e.g. `failure-to-act-2026`. */
  name: string;
  title: string;
  description: string;
  owner_org_id: string;
  created_at: number;
}

export interface StudyMemberTable {
  study_id: string;
  org_id: string;
  /** `invited` or `active`. */
  status: string;
  invited_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
}

declare module '../storage/schema.ts' {
  interface Database {
    studies: StudyTable;
    study_members: StudyMemberTable;
  }
}
