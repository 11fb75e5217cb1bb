import { httpResource } from '@angular/common/http';
import type { UnitInfo } from '@common/api/payments';

/** The signed-in unit's basic, contact, registration and bank information. */
export function unitInfoResource() {
  return httpResource<UnitInfo>(() => '/api/unit');
}
