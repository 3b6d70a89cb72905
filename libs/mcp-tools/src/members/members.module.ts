import { Module } from '@nestjs/common';
import { MembersTools } from './members.tools';

@Module({ providers: [MembersTools], exports: [MembersTools] })
export class MembersToolsModule {}
