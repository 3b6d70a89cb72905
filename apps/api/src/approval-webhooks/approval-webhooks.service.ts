import { Injectable } from '@nestjs/common';
import type { ApprovalNotice } from './approval-notice';

/** Tells a team's approvers of a new request through the team's webhook. */
@Injectable()
export class ApprovalWebhooks {
  async notify(_notice: ApprovalNotice): Promise<void> {
    // Delivery arrives with the team webhooks; until then nobody is told but the console.
  }
}
