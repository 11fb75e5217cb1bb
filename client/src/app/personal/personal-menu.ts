/** The personal hall's menu: every page of a person's own (the records here; family, registration and payment by their owners). */
export interface PersonalMenuItem {
  id: string;
  path: string;
  icon: string;
  /** Only the records page is matched exactly: the others' paths have children (/me/pay/orders/:id). */
  exact?: boolean;
}

export const PERSONAL_MENU: readonly PersonalMenuItem[] = [
  { id: 'records', path: '/me', icon: 'badge', exact: true },
  { id: 'family', path: '/me/family', icon: 'family_restroom' },
  { id: 'residentRegistration', path: '/me/resident-registration', icon: 'how_to_reg' },
  { id: 'pay', path: '/me/pay', icon: 'payments' },
  { id: 'residentPayments', path: '/me/resident-payments', icon: 'receipt_long' },
];
