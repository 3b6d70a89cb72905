import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { WorkspaceSpacesController } from './workspace-spaces.controller';
import { WorkspaceSpacesService } from './workspace-spaces.service';

@Module({
  imports: [ConnectionsModule],
  controllers: [WorkspaceSpacesController],
  providers: [WorkspaceSpacesService],
})
export class WorkspacesModule {}
