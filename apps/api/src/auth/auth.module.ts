import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ApiTokenEntity,
  OrganizationEntity,
  PasswordResetEntity,
  SessionEntity,
  SsoSettingsEntity,
  UserEntity,
} from '@gw/db';
import { AuthController } from './auth.controller';
import { AuthGuard } from './guards/auth.guard';
import { LoginThrottle } from './login-throttle.service';
import { RolesGuard } from './guards/roles.guard';
import { PasswordService } from './password.service';
import { PasswordSignInPolicy } from './password-sign-in.policy';
import { PrincipalResolver } from './principal.resolver';
import { SessionService } from './session.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      UserEntity,
      SessionEntity,
      OrganizationEntity,
      ApiTokenEntity,
      PasswordResetEntity,
      SsoSettingsEntity,
    ]),
  ],
  controllers: [AuthController],
  providers: [
    SessionService,
    PasswordService,
    PasswordSignInPolicy,
    LoginThrottle,
    PrincipalResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PrincipalResolver, SessionService, PasswordService, LoginThrottle],
})
export class AuthModule {}
