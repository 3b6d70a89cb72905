import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity, type ApprovalPolicy } from '@gw/db';
import { toolMayWait, ToolCatalog } from '@gw/mcp-tools';
import { NEVER_WAITING_TAG } from '@gw/tool-filters';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { TeamsService } from '../teams/teams.service';

/**
 * What an approval policy must be before a server (or a team's default) takes it: tool names the catalog has (and
 * none of the queue's own read tools, which must never wait), a list for mode `tools`, second-approver tools the
 * policy holds, approvers of the organization. Loosening or removing a policy once set is an owner's or an admin's
 * decision: a member may set one where there is none, and keep one as it is.
 */
@Injectable()
export class ApprovalPolicyChecks {
  constructor(
    private readonly catalog: ToolCatalog,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly teams: TeamsService,
  ) {}

  async check(
    principal: Principal,
    policy: ApprovalPolicy | undefined,
    current: ApprovalPolicy | undefined,
    field = 'config.approval',
  ): Promise<void> {
    if (policy && principal.role === 'member' && current && current.mode !== 'none') {
      if (JSON.stringify(canonical(policy)) !== JSON.stringify(canonical(current))) {
        throw new ForbiddenException(
          `Only owners and admins may change an approval policy once set (${field}); ask one to change it.`,
        );
      }
    }
    if (!policy) return;
    const problems = [
      ...this.toolProblems(policy, field),
      ...(await this.approverProblems(principal.organizationId, policy, field)),
    ];
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  private toolProblems(policy: ApprovalPolicy, field: string): string[] {
    const problems: string[] = [];
    const named = [...(policy.tools ?? []), ...(policy.second_approver_tools ?? [])];
    const unknown = [...new Set(named.filter((name) => !this.catalog.tools.has(name)))];
    if (unknown.length > 0) problems.push(`${field} names no tool: ${unknown.join(', ')}`);
    const never = [
      ...new Set(named.filter((name) => this.catalog.tools.get(name)?.tags.includes(NEVER_WAITING_TAG))),
    ];
    if (never.length > 0) {
      problems.push(
        `${field} cannot hold ${never.join(', ')}: agents read what became of their calls with it`,
      );
    }
    if (policy.mode === 'tools' && (policy.tools ?? []).length === 0) {
      problems.push(`${field}.mode "tools" needs the tools that wait, in ${field}.tools`);
    }
    if (policy.mode === 'writes' && (policy.tools ?? []).length > 0) {
      problems.push(
        `${field}.tools is not used in mode "writes", which holds every tool that changes ClickUp`,
      );
    }
    const idle = (policy.second_approver_tools ?? []).filter((name) => {
      const tool = this.catalog.tools.get(name);
      return tool !== undefined && !toolMayWait(policy, tool);
    });
    if (idle.length > 0) {
      problems.push(
        `${field}.second_approver_tools names tools that do not wait under mode "${policy.mode}": ${idle.join(', ')}`,
      );
    }
    return problems;
  }

  private async approverProblems(
    organizationId: string,
    policy: ApprovalPolicy,
    field: string,
  ): Promise<string[]> {
    const problems: string[] = [];
    const teamId = policy.approvers?.team_id;
    if (teamId && !(await this.teams.findInOrganization(organizationId, teamId))) {
      problems.push(`${field}.approvers.team_id names no team of this organization`);
    }
    const userIds = policy.approvers?.user_ids ?? [];
    if (userIds.length > 0) {
      const found = await this.users.find({
        select: { id: true },
        where: { organizationId, id: In(userIds) },
      });
      const known = new Set(found.map((u) => u.id));
      const unknown = userIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        problems.push(
          `${field}.approvers.user_ids names no user of this organization: ${unknown.join(', ')}`,
        );
      }
    }
    return problems;
  }
}

/** A policy as stored from a validated body: only the keys it sets. */
export function storedPolicy(input: ApprovalPolicy): ApprovalPolicy {
  return canonical(input);
}

function canonical(policy: ApprovalPolicy): ApprovalPolicy {
  const approvers = policy.approvers && {
    ...(policy.approvers.team_id ? { team_id: policy.approvers.team_id } : {}),
    ...(policy.approvers.user_ids?.length ? { user_ids: [...policy.approvers.user_ids] } : {}),
  };
  return {
    mode: policy.mode,
    ...(policy.tools?.length ? { tools: [...policy.tools] } : {}),
    ...(approvers && Object.keys(approvers).length > 0 ? { approvers } : {}),
    ...(policy.second_approver_tools?.length
      ? { second_approver_tools: [...policy.second_approver_tools] }
      : {}),
    ...(policy.min_tasks !== undefined ? { min_tasks: policy.min_tasks } : {}),
    ...(policy.ttl_minutes !== undefined ? { ttl_minutes: policy.ttl_minutes } : {}),
  };
}
