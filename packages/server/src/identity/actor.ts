import type { Permission, Role } from './permissions.ts';

/** Who is acting. Every state change records one in the audit log. */
export type Actor =
  | {
      type: 'user';
      id: string;
      orgId: string;
      role: Role;
      permissions: ReadonlySet<Permission>;
      mustChangePassword: boolean;
      sessionId: string;
    }
  | { type: 'api_key'; id: string; orgId: string; permissions: ReadonlySet<Permission> }
  /** The CLI or the service itself (first start, jobs), acting inside one organisation. */
  | { type: 'system'; id: string; orgId: string };

export function systemActor(orgId: string, id = 'system'): Actor {
  return { type: 'system', id, orgId };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.type === 'system' || actor.permissions.has(permission);
}
