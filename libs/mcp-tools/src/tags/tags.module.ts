import { Module } from '@nestjs/common';
import { TagsTools } from './tags.tools';

@Module({ providers: [TagsTools], exports: [TagsTools] })
export class TagsToolsModule {}
