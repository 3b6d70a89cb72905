import { Module } from '@nestjs/common';
import { SpacesTools } from './spaces.tools';

@Module({ providers: [SpacesTools], exports: [SpacesTools] })
export class SpacesToolsModule {}
