import { pageTitle } from '@caretracker/ui/shell/server';
import { PersonScreen } from '@/screens/person-screen';

export const generateMetadata = pageTitle('person.pageTitle');

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  return <PersonScreen personId={personId} />;
}
