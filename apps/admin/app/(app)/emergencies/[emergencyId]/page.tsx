import { pageTitle } from '@caretracker/ui/shell/server';
import { EmergencyScreen } from '@/screens/emergencies-screen';

export const generateMetadata = pageTitle('emergencies.title');

export default async function EmergencyPage({ params }: { params: Promise<{ emergencyId: string }> }) {
  const { emergencyId } = await params;
  return <EmergencyScreen emergencyId={emergencyId} />;
}
