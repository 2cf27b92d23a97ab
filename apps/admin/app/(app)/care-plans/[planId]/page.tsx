import { pageTitle } from '@caretracker/ui/shell/server';
import { CarePlanScreen } from '@/screens/care-plan-screen';

export const generateMetadata = pageTitle('carePlan.pageTitle');

export default async function CarePlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  return <CarePlanScreen planId={planId} />;
}
