import { httpResource } from '@angular/common/http';
import type { ReviewerHome } from '@common/api/home';

/** Work waiting for the agency across all units. */
export function reviewerHomeResource() {
  return httpResource<ReviewerHome>(() => '/api/review/home');
}
