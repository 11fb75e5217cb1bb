import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { FamilyMember, FamilyMemberInput } from '@common/api/residents';
import type { Observable } from 'rxjs';

export const familyMembersResource = () => httpResource<FamilyMember[]>(() => '/api/me/family');

@Service()
export class FamilyApi {
  private readonly http = inject(HttpClient);

  add(member: FamilyMemberInput): Observable<FamilyMember> {
    return this.http.post<FamilyMember>('/api/me/family', member);
  }

  remove(id: number): Observable<void> {
    return this.http.delete<void>(`/api/me/family/${id}`);
  }
}
