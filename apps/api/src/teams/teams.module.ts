import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ClickUpConnectionEntity,
  ConnectionTeamGrantEntity,
  MembershipEntity,
  TeamEntity,
  TeamPolicyEntity,
  UserEntity,
} from '@gw/db';
import { McpToolsModule } from '@gw/mcp-tools';
import { ApprovalPolicyChecks } from '../approvals/approval-policy.checks';
import { TeamAccessService } from './policy/team-access.service';
import { TeamPoliciesController } from './policy/team-policies.controller';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TeamEntity,
      MembershipEntity,
      UserEntity,
      TeamPolicyEntity,
      ConnectionTeamGrantEntity,
      ClickUpConnectionEntity,
    ]),
    McpToolsModule,
  ],
  controllers: [TeamsController, TeamPoliciesController],
  providers: [TeamsService, TeamAccessService, ApprovalPolicyChecks],
  exports: [TeamsService, TeamAccessService, ApprovalPolicyChecks],
})
export class TeamsModule {}
