import { pageTitle } from '@caretracker/ui/shell/server';
import { VisitLoader } from './visit-loader';

export const generateMetadata = pageTitle('visit.title');

export default async function VisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const { visitId } = await params;
  return <VisitLoader visitId={visitId} />;
}
