import { pageTitle } from '@caretracker/ui/shell/server';
import { ClientScreen } from '@/screens/client-screen';

export const generateMetadata = pageTitle('client.pageTitle');

export default async function ClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return <ClientScreen clientId={clientId} />;
}
