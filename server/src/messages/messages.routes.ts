import { z } from 'zod';
import { messagePage, messageQuery, unreadCount } from '@common/api/messages';
import { idParam } from '@common/api/fields';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { MessageService } from './messages.service';

const idParams = z.object({ id: idParam });

/** The messages of the session's unit; read state is the signed-in user's own. */
export function messageRoutes(messages: MessageService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/messages',
      summary: "The unit's messages, newest first, with whether the user has read each and how many are unread",
      tag: 'messages',
      access: UNIT_ROLES,
      query: messageQuery,
      response: messagePage,
      handle: (ctx) => messages.list(unitOf(ctx), actorOf(ctx).userId, ctx.query),
    }),
    route({
      method: 'get',
      path: '/messages/unread',
      summary: "How many of the unit's messages the user has not read, for the toolbar",
      tag: 'messages',
      access: UNIT_ROLES,
      response: unreadCount,
      handle: (ctx) => messages.unread(unitOf(ctx), actorOf(ctx).userId),
    }),
    route({
      method: 'post',
      path: '/messages/:id/read',
      summary: 'Marks one message of the unit read by the user',
      tag: 'messages',
      access: UNIT_ROLES,
      params: idParams,
      response: unreadCount,
      handle: (ctx) => messages.markRead(unitOf(ctx), actorOf(ctx).userId, ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/messages/read',
      summary: "Marks all of the unit's messages read by the user",
      tag: 'messages',
      access: UNIT_ROLES,
      response: unreadCount,
      handle: (ctx) => messages.markAllRead(unitOf(ctx), actorOf(ctx).userId),
    }),
  ];
}
