import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Agent, AgentList, CreateAgentRequest, ResetAgentPasswordRequest } from '@common/api/agents';
import type { Observable } from 'rxjs';

/** The unit's agents (经办人). */
export function agentsResource() {
  return httpResource<AgentList>(() => '/api/agents');
}

@Service()
export class AgentsApi {
  private readonly http = inject(HttpClient);

  create(request: CreateAgentRequest): Observable<Agent> {
    return this.http.post<Agent>('/api/agents', request);
  }

  /** A disabled agent loses access at once; enabling restores it. */
  setDisabled(agentId: number, disabled: boolean): Observable<Agent> {
    return this.http.post<Agent>(`/api/agents/${agentId}/${disabled ? 'disable' : 'enable'}`, null);
  }

  /** Takes back the invitation of an existing account that has not answered yet. */
  withdrawInvitation(agentId: number): Observable<void> {
    return this.http.delete<void>(`/api/agents/${agentId}/invitation`);
  }

  /** The agent's sessions end at once; they sign in with the new password. */
  resetPassword(agentId: number, password: string): Observable<Agent> {
    const request: ResetAgentPasswordRequest = { password };
    return this.http.post<Agent>(`/api/agents/${agentId}/password`, request);
  }
}
