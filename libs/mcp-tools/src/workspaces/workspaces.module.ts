import { Module } from '@nestjs/common';
import { WorkspacesTools } from './workspaces.tools';

@Module({ providers: [WorkspacesTools], exports: [WorkspacesTools] })
export class WorkspacesToolsModule {}
