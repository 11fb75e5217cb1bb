import { z } from 'zod';
import { agent, agentInvitationList, agentList, createAgentRequest, resetAgentPasswordRequest } from '@common/api/agents';
import { sessionInfo, type SessionInfo } from '@common/api/auth';
import { idParam } from '@common/api/fields';
import { actorOf, route, unitOf, type Actor, type RouteDefinition } from '../http/route';
import type { AgentService } from './agents.service';

const agentIdParams = z.object({ id: idParam });
const invitationParams = z.object({ unitId: idParam });

export function agentRoutes(agents: AgentService, sessionInfoOf: (actor: Actor) => Promise<SessionInfo>): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/agents',
      summary: "The unit's agents",
      tag: 'agents',
      access: ['unit_admin'],
      response: agentList,
      handle: async (ctx) => ({ items: await agents.list(unitOf(ctx)) }),
    }),
    route({
      method: 'post',
      path: '/agents',
      summary: 'Adds an agent to the unit: a new mobile gets an account, an existing account is invited and bound once its agent accepts',
      tag: 'agents',
      access: ['unit_admin'],
      body: createAgentRequest,
      response: agent,
      status: 201,
      handle: (ctx) => agents.add(unitOf(ctx), actorOf(ctx), ctx.body, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/agents/:id/disable',
      summary: 'Disables an agent for the unit; the agent is signed out at once',
      tag: 'agents',
      access: ['unit_admin'],
      params: agentIdParams,
      response: agent,
      handle: (ctx) => agents.setDisabled(unitOf(ctx), actorOf(ctx), ctx.params.id, true, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/agents/:id/enable',
      summary: 'Re-enables an agent for the unit',
      tag: 'agents',
      access: ['unit_admin'],
      params: agentIdParams,
      response: agent,
      handle: (ctx) => agents.setDisabled(unitOf(ctx), actorOf(ctx), ctx.params.id, false, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/agents/:id/password',
      summary: "Sets a new initial password for an agent bound to this unit alone; the agent's sessions end at once",
      tag: 'agents',
      access: ['unit_admin'],
      params: agentIdParams,
      body: resetAgentPasswordRequest,
      response: agent,
      handle: (ctx) => agents.resetPassword(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.body.password, ctx.requestId),
    }),
    route({
      method: 'delete',
      path: '/agents/:id/invitation',
      summary: "Withdraws the unit's invitation of an existing account that has not answered yet",
      tag: 'agents',
      access: ['unit_admin'],
      params: agentIdParams,
      handle: (ctx) => agents.withdrawInvitation(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.requestId),
    }),
    // An agent's answers to invitations: signed in with their own password, with or without a unit chosen.
    route({
      method: 'get',
      path: '/auth/invitations',
      summary: "The signed-in agent's pending invitations to units",
      tag: 'agents',
      access: 'signed-in',
      response: agentInvitationList,
      handle: async (ctx) => ({ items: await agents.invitations(actorOf(ctx)) }),
    }),
    route({
      method: 'post',
      path: '/auth/invitations/:unitId/accept',
      summary: "The agent accepts a unit's invitation and is bound to it",
      tag: 'agents',
      access: 'signed-in',
      params: invitationParams,
      response: sessionInfo,
      handle: async (ctx) => {
        await agents.acceptInvitation(actorOf(ctx), ctx.params.unitId, ctx.requestId);
        return sessionInfoOf(actorOf(ctx));
      },
    }),
    route({
      method: 'post',
      path: '/auth/invitations/:unitId/decline',
      summary: "The agent declines a unit's invitation",
      tag: 'agents',
      access: 'signed-in',
      params: invitationParams,
      handle: (ctx) => agents.declineInvitation(actorOf(ctx), ctx.params.unitId, ctx.requestId),
    }),
  ];
}
