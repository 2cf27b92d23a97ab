import { PlannedFeatures, SignedInPage } from '@caretracker/ui';
import { apiUrl, appUrls, idleTimeoutMinutes } from '@/lib/config';

export default function HomePage() {
  return (
    <SignedInPage
      apiUrl={apiUrl}
      app="mobile-web"
      appUrls={appUrls}
      idleTimeoutMinutes={idleTimeoutMinutes}
      welcome={{
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
      }}
    />
  );
}
