import type { Role } from '@common/api/auth';

export interface NavItem {
  id: string;
  path: string;
  icon: string;
  labelKey: string;
  roles: readonly Role[];
  /** Active only on its own path, not on the paths below it. */
  exact?: boolean;
}

/**
 * The services in the side nav, in order. A new feature adds its entry here and its route in app.routes.ts
 * (additions, reductions, payments, insured persons, reports …).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', path: '/home', icon: 'home', labelKey: 'nav.home', roles: ['unit_admin', 'agent'] },
  { id: 'messages', path: '/messages', icon: 'notifications', labelKey: 'messages.nav', roles: ['unit_admin', 'agent'] },
  { id: 'additions', path: '/additions', icon: 'person_add', labelKey: 'additions.nav', roles: ['unit_admin', 'agent'] },
  { id: 'reductions', path: '/reductions', icon: 'person_remove', labelKey: 'reductions.nav', roles: ['unit_admin', 'agent'] },
  { id: 'batches', path: '/batches', icon: 'upload_file', labelKey: 'batch.nav', roles: ['unit_admin', 'agent'] },
  { id: 'submissions', path: '/submissions', icon: 'list_alt', labelKey: 'submissions.nav', roles: ['unit_admin', 'agent'] },
  { id: 'baseDeclaration', path: '/base-declaration', icon: 'payments', labelKey: 'nav.baseDeclaration', roles: ['unit_admin', 'agent'] },
  { id: 'insured', path: '/insured', icon: 'groups', labelKey: 'insuredList.nav', roles: ['unit_admin', 'agent'] },
  { id: 'paymentDetails', path: '/payments/details', icon: 'receipt_long', labelKey: 'payments.nav.details', roles: ['unit_admin', 'agent'] },
  { id: 'unitPayments', path: '/payments/periods', icon: 'account_balance_wallet', labelKey: 'payments.nav.periods', roles: ['unit_admin', 'agent'] },
  { id: 'certificates', path: '/certificates', icon: 'verified', labelKey: 'certificates.nav', roles: ['unit_admin', 'agent'] },
  { id: 'unitInfo', path: '/unit-info', icon: 'apartment', labelKey: 'unitInfo.nav', roles: ['unit_admin', 'agent'] },
  { id: 'agents', path: '/agents', icon: 'badge', labelKey: 'nav.agents', roles: ['unit_admin'] },
  { id: 'audit', path: '/audit', icon: 'history', labelKey: 'audit.nav', roles: ['unit_admin'] },
  { id: 'review', path: '/review', icon: 'fact_check', labelKey: 'nav.review', roles: ['reviewer'], exact: true },
  { id: 'reviewConsole', path: '/review/submissions', icon: 'rule', labelKey: 'reviewConsole.nav', roles: ['reviewer'] },
  { id: 'reviewCollections', path: '/review/collections', icon: 'payments', labelKey: 'collections.nav', roles: ['reviewer'] },
  {
    id: 'reviewResidentPayments',
    path: '/review/resident-payments',
    icon: 'receipt_long',
    labelKey: 'reconciliation.payments.nav',
    roles: ['reviewer'],
  },
  { id: 'reviewReconciliation', path: '/review/reconciliation', icon: 'fact_check', labelKey: 'reconciliation.nav', roles: ['reviewer'] },
  { id: 'reviewAssistedPersons', path: '/review/assisted-persons', icon: 'volunteer_activism', labelKey: 'assisted.title', roles: ['reviewer'] },
];
