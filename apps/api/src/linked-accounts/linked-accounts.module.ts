import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClickUpLinkedAccountEntity } from '@gw/db';
import { ConnectionsModule } from '../connections/connections.module';
import { ENCRYPTION_KEY } from '../security/encryption-key.token';
import { ClickUpAccountsController } from './clickup-accounts.controller';
import { LinkRequests } from './link-requests';
import { LinkedAccountChanges } from './linked-account-changes';
import { LinkedAccountsService } from './linked-accounts.service';
import { MeClickUpAccountController } from './me-clickup-account.controller';

/**
 * Each person's own ClickUp account (linked through ClickUp's OAuth, as connections are). The MCP endpoint imports
 * it for the signer of the links it hands out and for the changes its per-person cache follows.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ClickUpLinkedAccountEntity]), ConnectionsModule],
  controllers: [MeClickUpAccountController, ClickUpAccountsController],
  providers: [
    LinkedAccountsService,
    LinkedAccountChanges,
    {
      provide: LinkRequests,
      inject: [ENCRYPTION_KEY],
      useFactory: (key: string) => new LinkRequests(key),
    },
  ],
  exports: [LinkedAccountChanges, LinkRequests],
})
export class LinkedAccountsModule {}
