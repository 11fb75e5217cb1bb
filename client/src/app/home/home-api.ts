import { httpResource } from '@angular/common/http';
import type { UnitHome } from '@common/api/home';

/** The signed-in unit's figures for the current fee period. */
export function unitHomeResource() {
  return httpResource<UnitHome>(() => '/api/home');
}
