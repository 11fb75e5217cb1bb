import type { Role } from '@common/api/auth';

export interface NavItem {
  id: string;
  path: string;
  icon: string;
  labelKey: string;
  roles: readonly Role[];
}

/**
 * The services in the side nav, in order. A new feature adds its entry here and its route in app.routes.ts
 * (additions, reductions, payments, insured persons, reports …).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', path: '/home', icon: 'home', labelKey: 'nav.home', roles: ['unit_admin', 'agent'] },
  { id: 'agents', path: '/agents', icon: 'badge', labelKey: 'nav.agents', roles: ['unit_admin'] },
  { id: 'review', path: '/review', icon: 'fact_check', labelKey: 'nav.review', roles: ['reviewer'] },
];
