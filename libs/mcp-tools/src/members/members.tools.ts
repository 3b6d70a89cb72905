import { Injectable } from '@nestjs/common';
import type { ClickUpUser } from '@gw/clickup-client';
import { z } from 'zod';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { membersGuard } from './members.guard';
import {
  memberListInput,
  memberListOutput,
  memberSchema,
  userMeInput,
  userMeOutput,
} from './members.schemas';

const ROLES = { 1: 'owner', 2: 'admin', 3: 'member', 4: 'guest' } as const;

function toMember(user: ClickUpUser & { role?: number | null }): z.input<typeof memberSchema> {
  return {
    id: Number(user.id),
    username: user.username ?? null,
    email: user.email ?? null,
    initials: user.initials ?? null,
    role: user.role ? (ROLES[user.role as keyof typeof ROLES] ?? null) : null,
  };
}

@Injectable()
export class MembersTools implements ToolGroup {
  readonly guard = membersGuard;
  readonly tools = [
    defineTool({
      name: 'member_list',
      title: 'List members',
      description: 'Workspace members (ids, emails); with list_id or task_id, those with access there.',
      method: 'list',
      tags: ['members'],
      input: memberListInput,
      output: memberListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        let users: (ClickUpUser & { role?: number | null })[];
        if (args.task_id) {
          users = (await ctx.client.members.listForTask(args.task_id)).data;
        } else if (args.list_id) {
          users = (await ctx.client.members.listForList(args.list_id)).data;
        } else {
          const workspaces = (await ctx.client.workspaces.list()).data;
          const workspace = workspaces.find((w) => w.id === ctx.scope.workspaceId);
          users = workspace?.members.map((m) => m.user) ?? [];
        }
        return { items: users.map(toMember), next_cursor: null, truncated: false };
      },
    }),
    defineTool({
      name: 'user_me',
      title: 'Who am I',
      description: 'The ClickUp user this server acts as ("me").',
      method: 'get',
      tags: ['members'],
      input: userMeInput,
      output: userMeOutput,
      annotations: READ,
      handler: async (_args, ctx) => {
        const { data } = await ctx.client.user.me();
        return {
          id: Number(data.id),
          username: data.username ?? null,
          email: data.email ?? null,
          timezone: data.timezone ?? null,
        };
      },
    }),
  ];
}
