/**
 * The codes of a unit's registration that the hall words (`unitInfo.codes.*`). The unit record carries
 * them as plain strings, registered elsewhere, so a code not listed here is shown as it is.
 */
export const UNIT_TYPES = ['enterprise', 'institution', 'government', 'social_organization', 'individual_business', 'other'] as const;
export const ECONOMIC_TYPES = ['state_owned', 'collective', 'private', 'limited_liability', 'joint_stock', 'foreign_invested', 'other'] as const;
export const INDUSTRIES = [
  'software',
  'logistics',
  'manufacturing',
  'retail',
  'construction',
  'finance',
  'education',
  'healthcare',
  'other',
] as const;
export const COLLECTION_MODES = ['tax', 'agency'] as const;
