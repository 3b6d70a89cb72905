import { Module } from '@nestjs/common';
import { ListsTools } from './lists.tools';

@Module({ providers: [ListsTools], exports: [ListsTools] })
export class ListsToolsModule {}
