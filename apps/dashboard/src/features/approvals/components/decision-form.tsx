'use client';

import { Check, LoaderCircle, X } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import type { Approval } from '../api/approvals.types';
import { useDecideApproval } from '../api/use-approvals';
import { MAX_COMMENT, parseDecision } from '../schemas/decision.schema';

/**
 * Approve or reject, with a comment the agent passes on to the person who asked (required to reject). When the
 * signed-in person may not decide, the buttons stay visible but disabled, with the api's reason beside them.
 */
export function DecisionForm({ approval }: { approval: Approval }) {
  const id = useId();
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const decide = useDecideApproval(approval.id);
  const blocked = !approval.can_decide;
  const approvedSoFar = approval.decisions.filter((d) => d.decision === 'approve').length;

  function submit(decision: 'approve' | 'reject') {
    const parsed = parseDecision({ decision, comment });
    if (!parsed.ok) return setFormError(parsed.message);
    setFormError(null);
    decide.mutate(
      { decision: parsed.decision, body: parsed.body },
      {
        onSuccess: (answer) =>
          toast(
            decision === 'reject'
              ? 'Rejected: the agent is told, with your comment'
              : answer.state === 'pending'
                ? 'Approved: it now waits for a second approver'
                : 'Approved: the call runs through the queue now',
          ),
      },
    );
  }

  return (
    <form
      className="grid gap-4"
      aria-label="Decision"
      onSubmit={(event) => {
        event.preventDefault();
        submit('approve');
      }}
    >
      {approval.approvals_required === 2 && (
        <p className="text-sm text-muted-foreground">
          This tool needs two approvals by different people: {approvedSoFar} of 2 so far.
        </p>
      )}
      {blocked && (
        <div id={`${id}-why`}>
          <Alert title="You cannot decide this request" role="status">
            {approval.why_not ?? 'You are not one of its approvers.'}
          </Alert>
        </div>
      )}
      <Field
        id={`${id}-comment`}
        label="Comment"
        hint="The agent receives it with the decision. Required to reject."
      >
        <Textarea
          id={`${id}-comment`}
          value={comment}
          maxLength={MAX_COMMENT}
          disabled={blocked}
          onChange={(e) => {
            setComment(e.target.value);
            setFormError(null);
          }}
        />
      </Field>
      {(formError || decide.error) && (
        <Alert variant="error" role="alert">
          {formError ?? decide.error?.message}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          disabled={blocked || decide.isPending}
          aria-describedby={blocked ? `${id}-why` : undefined}
        >
          {decide.isPending && decide.variables?.decision === 'approve' ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <Check aria-hidden />
          )}
          Approve
        </Button>
        <Button
          type="button"
          variant="destructive"
          disabled={blocked || decide.isPending}
          aria-describedby={blocked ? `${id}-why` : undefined}
          onClick={() => submit('reject')}
        >
          {decide.isPending && decide.variables?.decision === 'reject' ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <X aria-hidden />
          )}
          Reject
        </Button>
      </div>
    </form>
  );
}
