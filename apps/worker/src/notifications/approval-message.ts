import type { ApprovalNotificationJobPayload, NotifiedApproval } from '@gw/queue';

/**
 * The JSON a team's webhook receives: Slack's incoming-webhook message (`text`, and `blocks` that render it), plus
 * the same facts for programs (`event`, `team`, `approval`). Slack ignores the fields it does not know.
 */
export interface ApprovalMessage {
  text: string;
  blocks: SlackBlock[];
  event: ApprovalNotificationJobPayload['event'];
  team: { id: string; name: string };
  approval: NotifiedApproval | null;
  inbox_url: string;
}

type PlainText = { type: 'plain_text'; text: string };
type Mrkdwn = { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: Mrkdwn | PlainText; fields?: (Mrkdwn | PlainText)[] }
  | { type: 'actions'; elements: { type: 'button'; text: PlainText; url: string; style?: 'primary' }[] }
  | { type: 'context'; elements: (Mrkdwn | PlainText)[] };

// Slack's limits: header text 150 characters, a field 2000, a button label 75, a URL 3000.
const HEADER_MAX = 150;
const SUMMARY_MAX = 1000;
const FIELD_MAX = 300;

export function approvalMessage(payload: ApprovalNotificationJobPayload): ApprovalMessage {
  const common = {
    event: payload.event,
    team: payload.team,
    approval: payload.approval,
    inbox_url: payload.inbox_url,
  };
  const approval = payload.approval;
  if (!approval) {
    return {
      text: `Test notification: approval requests of team ${mrkdwn(payload.team.name)} will be posted here. <${payload.inbox_url}|Open the approvals inbox>`,
      blocks: [
        header('Approval notifications are set up'),
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `This is a test. New approval requests of team *${mrkdwn(clip(payload.team.name, FIELD_MAX))}* will be posted here, with a link to approve or reject them.`,
          },
        },
        button('Open the approvals inbox', payload.inbox_url),
      ],
      ...common,
    };
  }
  return {
    // What notifications and clients without blocks show; everything an agent or user wrote is escaped.
    text: `Approval needed: ${mrkdwn(approval.tool)} on ${mrkdwn(approval.server.name)}: ${mrkdwn(clip(approval.summary, SUMMARY_MAX))} (requested by ${mrkdwn(approval.requested_by)}). <${approval.approval_url}|Review the request>`,
    blocks: [
      header(`Approval needed: ${approval.tool}`),
      { type: 'section', text: { type: 'plain_text', text: clip(approval.summary, SUMMARY_MAX) || '—' } },
      {
        type: 'section',
        fields: [
          field('Server', approval.server.name),
          field('Team', payload.team.name),
          field('Requested by', approval.requested_by),
          field('Expires', readableTime(approval.expires_at)),
        ],
      },
      button('Review the request', approval.approval_url),
      { type: 'context', elements: [{ type: 'plain_text', text: `Approval ${approval.id}` }] },
    ],
    ...common,
  };
}

/**
 * Text for Slack's mrkdwn: `&`, `<` and `>` escaped as Slack asks, so a task name cannot become a link, a mention
 * (`<!channel>`) or a fake button.
 */
export function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text.replace(/\s+/g, ' '), HEADER_MAX) } };
}

function field(label: string, value: string): Mrkdwn {
  return { type: 'mrkdwn', text: `*${label}*\n${mrkdwn(clip(value, FIELD_MAX))}` };
}

function button(label: string, url: string): SlackBlock {
  return {
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: label }, url, style: 'primary' }],
  };
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `2026-12-05 14:30 UTC`: the same for every reader, whatever their time zone. */
function readableTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
