import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConnectionsModule } from '../connections/connections.module';
import { BootstrapService } from './bootstrap.service';

@Module({
  imports: [ConnectionsModule, AuditModule],
  providers: [BootstrapService],
  exports: [BootstrapService],
})
export class BootstrapModule {}
