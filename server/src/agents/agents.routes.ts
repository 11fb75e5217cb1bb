import { z } from 'zod';
import { agent, agentList, createAgentRequest, resetAgentPasswordRequest } from '@common/api/agents';
import { idParam } from '@common/api/fields';
import { actorOf, route, unitOf, type RouteDefinition } from '../http/route';
import type { AgentService } from './agents.service';

const agentIdParams = z.object({ id: idParam });

export function agentRoutes(agents: AgentService): RouteDefinition[] {
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
      summary: 'Adds an agent to the unit (binds an existing account with the same mobile)',
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
      summary: "Sets a new password for an agent of the unit; the agent's sessions end at once",
      tag: 'agents',
      access: ['unit_admin'],
      params: agentIdParams,
      body: resetAgentPasswordRequest,
      response: agent,
      handle: (ctx) => agents.resetPassword(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.body.password, ctx.requestId),
    }),
  ];
}
