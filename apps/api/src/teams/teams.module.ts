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
  ],
  controllers: [TeamsController, TeamPoliciesController],
  providers: [TeamsService, TeamAccessService],
  exports: [TeamsService, TeamAccessService],
})
export class TeamsModule {}
