import { Module } from '@nestjs/common';
import { ExpireApprovalJob } from './jobs/expire-approval.job';

@Module({ providers: [ExpireApprovalJob], exports: [ExpireApprovalJob] })
export class ApprovalJobsModule {}
