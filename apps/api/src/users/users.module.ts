import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity, UserEntity } from '@gw/db';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, MembershipEntity])],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
