import { pageTitle } from '@caretracker/ui/shell/server';
import { VisitDetail } from './visit-detail';

export const generateMetadata = pageTitle('portal.visit.title');

export default async function VisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const { visitId } = await params;
  return <VisitDetail id={visitId} />;
}
