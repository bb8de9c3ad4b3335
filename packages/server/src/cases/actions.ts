/**
 * The actions a reviewer can take, and the DSA restriction each one is (TDB `decision_*` keys).
 * `no_action` restricts nothing, so it has no statement of reasons for the affected user or the TDB.
 */
export const actions = [
  'remove',
  'disable_in_territories',
  'demote',
  'label',
  'age_restrict',
  'suspend_account',
  'terminate_account',
  'no_action',
] as const;
export type Action = (typeof actions)[number];

export const restrictionOf: Readonly<
  Record<Exclude<Action, 'no_action'>, { kind: 'visibility' | 'account'; key: string }>
> = {
  remove: { kind: 'visibility', key: 'DECISION_VISIBILITY_CONTENT_REMOVED' },
  disable_in_territories: { kind: 'visibility', key: 'DECISION_VISIBILITY_CONTENT_DISABLED' },
  demote: { kind: 'visibility', key: 'DECISION_VISIBILITY_CONTENT_DEMOTED' },
  label: { kind: 'visibility', key: 'DECISION_VISIBILITY_CONTENT_LABELLED' },
  age_restrict: { kind: 'visibility', key: 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED' },
  suspend_account: { kind: 'account', key: 'DECISION_ACCOUNT_SUSPENDED' },
  terminate_account: { kind: 'account', key: 'DECISION_ACCOUNT_TERMINATED' },
};

export const isRestrictive = (action: Action): action is Exclude<Action, 'no_action'> =>
  action !== 'no_action';
