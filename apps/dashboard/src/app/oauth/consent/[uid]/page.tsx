import type { Metadata } from 'next';
import { ConsentPage } from '@/features/oauth-consent/components/consent-page';

export const metadata: Metadata = { title: 'Allow an MCP client' };

export default async function Page({ params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return <ConsentPage uid={uid} />;
}
