import { Module } from '@nestjs/common';
import { FoldersTools } from './folders.tools';

@Module({ providers: [FoldersTools], exports: [FoldersTools] })
export class FoldersToolsModule {}
