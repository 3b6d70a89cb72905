import { Module } from '@nestjs/common';
import { ChatTools } from './chat.tools';

@Module({ providers: [ChatTools], exports: [ChatTools] })
export class ChatToolsModule {}
