import { PlannedFeatures, SignedInPage, type Welcome } from '@caretracker/ui';
import { config } from '@/lib/config';

// What each role this app is for sees once signed in.
const welcome: Welcome = {
  WORKER: (
    <PlannedFeatures
      title="Today"
      intro="Your visits, client briefings and visit records will live here, also when you are offline."
      features={[
        "Today's route and visit schedule",
        'Client briefing before each visit',
        'Check-in and check-out with location',
        'Visit notes, tasks and medication records',
        'Offline mode: changes sent when you are back online',
      ]}
    />
  ),
};

export default function HomePage() {
  return <SignedInPage {...config} welcome={welcome} />;
}
