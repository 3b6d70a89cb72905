import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClickUpConnectionEntity, PauseEntity, TeamEntity } from '@gw/db';
import { PauseLoader } from '@gw/mcp-servers';
import { RetryModule } from '../retry/retry.module';
import { ActivePauses } from './active-pauses.service';
import { HeldCalls } from './held-calls.service';
import { PausesController } from './pauses.controller';
import { PausesService } from './pauses.service';

/**
 * The kill switch: pauses of MCP access by organization, team or connection (REST), and `ActivePauses`, the
 * per-process view of those in force that the MCP endpoints check.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PauseEntity, TeamEntity, ClickUpConnectionEntity]), RetryModule],
  controllers: [PausesController],
  providers: [PausesService, ActivePauses, PauseLoader, HeldCalls],
  exports: [ActivePauses],
})
export class PausesModule {}
