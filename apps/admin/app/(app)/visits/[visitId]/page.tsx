import { pageTitle } from '@caretracker/ui/shell/server';
import { VisitDetailScreen } from '@/screens/visit-detail-screen';

export const generateMetadata = pageTitle('visit.pageTitle');

export default async function VisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const { visitId } = await params;
  return <VisitDetailScreen visitId={visitId} />;
}
