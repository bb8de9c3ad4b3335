/**
 * Permissions are the unit of access control. Users get them through their role; API keys carry an
 * explicit list (a subset of the permissions of the admin who created them).
 */
export const permissions = [
  'organisation:read',
  'organisation:manage',
  'users:read',
  'users:manage',
  'apikeys:manage',
  'audit:read',
  'jobs:read',
  'jobs:manage',
  // Hash and URL banks, the upload check API, webhooks (matching issue).
  'banks:read',
  'banks:manage',
  'check:submit',
  'webhooks:manage',
  // Notice and action: intake by platforms and trusted flaggers, review, decisions, appeals, exports.
  'reports:submit',
  'cases:read',
  'cases:review',
  'cases:manage',
  'appeals:decide',
  'exports:read',
  // Civil-society side: platform directory, outbound notices, evidence vault, scorecards, studies.
  'platforms:manage',
  'notices:read',
  'notices:manage',
  'evidence:read',
  'evidence:manage',
  'scorecards:read',
  'studies:manage',
  // Detection.
  'classify:use',
  'langpacks:read',
  'langpacks:manage',
] as const;

export type Permission = (typeof permissions)[number];

export const roles = ['admin', 'moderator', 'analyst', 'auditor'] as const;
export type Role = (typeof roles)[number];

const readOnly: Permission[] = ['organisation:read', 'users:read'];

/**
 * Moderators review and decide cases; analysts run the civil-society side and manage banks and
 * language packs; auditors read everything, including the audit log, and change nothing.
 */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  moderator: new Set([
    ...readOnly,
    'cases:read',
    'cases:review',
    'appeals:decide',
    'banks:read',
    'check:submit',
    'classify:use',
    'langpacks:read',
    'evidence:read',
  ]),
  analyst: new Set([
    ...readOnly,
    'jobs:read',
    'cases:read',
    'banks:read',
    'banks:manage',
    'exports:read',
    'platforms:manage',
    'notices:read',
    'notices:manage',
    'evidence:read',
    'evidence:manage',
    'scorecards:read',
    'studies:manage',
    'classify:use',
    'langpacks:read',
    'langpacks:manage',
  ]),
  auditor: new Set([
    ...readOnly,
    'audit:read',
    'jobs:read',
    'cases:read',
    'banks:read',
    'exports:read',
    'notices:read',
    'evidence:read',
    'scorecards:read',
    'langpacks:read',
  ]),
};

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
