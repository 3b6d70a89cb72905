import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { adminEvent, type AuditedRequest } from '../audit/admin-audit.interceptor';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import type { ApprovalAuditEvent } from './approval-store';
import { ApprovalsService, type DecisionAudit } from './approvals.service';
import { ApprovalDto, ApprovalListDto, ApprovalsSummaryDto } from './dto/approval.dto';
import { ApproveApprovalDto, RejectApprovalDto } from './dto/decide-approval.dto';
import { ListApprovalsQueryDto } from './dto/list-approvals.query.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Tool calls waiting for (or past) a person’s approval, newest first. Members see their teams’ servers’ ' +
      'requests and those they were named to decide.',
  })
  @ApiOkResponse({ type: ApprovalListDto })
  @ApiBadRequestResponse({ description: 'An unknown state, a malformed id, limit or cursor.' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListApprovalsQueryDto,
  ): Promise<ApprovalListDto> {
    return this.approvals.list(principal, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Pending requests, and those the caller may decide now (the console’s count).' })
  @ApiOkResponse({ type: ApprovalsSummaryDto })
  summary(@CurrentPrincipal() principal: Principal): Promise<ApprovalsSummaryDto> {
    return this.approvals.summary(principal);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One request: who asked, the tool, its arguments, the effect read from ClickUp, the decisions.',
  })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'approval request') id: string,
  ): Promise<ApprovalDto> {
    return this.approvals.get(principal, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Audited('approval.approve')
  // An auditor changes nothing: refused before the body or the request is read.
  @Roles('owner', 'admin', 'member')
  @ApiOperation({
    summary:
      'Approve the call. With the approvals it needs (two people for the policy’s second-approver tools), the ' +
      'exact call runs through the queue as job `{id}`.',
  })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiForbiddenResponse({
    description:
      'Not yours to decide: you asked, you hold the server’s URL, you are not among its approvers, or an auditor.',
  })
  @ApiConflictResponse({ description: 'No longer pending: decided, expired, or already executed.' })
  @ApiServiceUnavailableResponse({
    description: 'Approved, but the queue was unreachable: the call did not run.',
  })
  @ApiNotFoundResponse()
  approve(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'approval request') id: string,
    @Body() body: ApproveApprovalDto,
    @Req() request: AuditedRequest,
  ): Promise<ApprovalDto> {
    return this.approvals.approve(principal, id, body, decisionAudit(request, 'approval.approve', id));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Audited('approval.reject')
  @Roles('owner', 'admin', 'member')
  @ApiOperation({ summary: 'Reject the call, saying why: the agent is told, with the comment.' })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiBadRequestResponse({ description: 'No comment.' })
  @ApiForbiddenResponse({
    description:
      'Not yours to decide: you asked, you hold the server’s URL, you are not among its approvers, or an auditor.',
  })
  @ApiConflictResponse({ description: 'No longer pending: decided, expired, or already executed.' })
  @ApiNotFoundResponse()
  reject(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'approval request') id: string,
    @Body() body: RejectApprovalDto,
    @Req() request: AuditedRequest,
  ): Promise<ApprovalDto> {
    return this.approvals.reject(principal, id, body, decisionAudit(request, 'approval.reject', id));
  }
}

/**
 * The decision's admin row, written with the decision itself; a refused decision is recorded by the interceptor.
 * Both carry the request's id as `job_id`, the id of the job that runs the call, so the audit view links them.
 */
function decisionAudit(request: AuditedRequest, action: string, approvalId: string): DecisionAudit {
  request.auditDetails = { jobId: approvalId };
  return {
    about: (serverId) => {
      request.auditDetails = { jobId: approvalId, serverId };
    },
    event: () => adminEvent(request, action, 'ok', [], null) as ApprovalAuditEvent,
    committed: () => {
      request.auditRecorded = true;
    },
  };
}
