import type { Metadata } from 'next';
import { ApprovalDetailPage } from '@/features/approvals/components/approval-detail-page';

export const metadata: Metadata = { title: 'Approval request' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ApprovalDetailPage id={id} />;
}
