import { PlannedFeatures, SignedInPage } from '@caretracker/ui';
import { apiUrl, appUrls, idleTimeoutMinutes } from '@/lib/config';

export default function HomePage() {
  return (
    <SignedInPage
      apiUrl={apiUrl}
      app="web"
      appUrls={appUrls}
      idleTimeoutMinutes={idleTimeoutMinutes}
      welcome={{
        CLIENT: (
          <PlannedFeatures
            title="Your care at a glance"
            intro="This portal will show you and your family everything about your care."
            features={[
              'Upcoming visits and who is coming',
              'Visit history and care notes',
              'Budget use by category',
              'Your care plan',
              'Messages with your care team',
              'Your profile and contacts',
            ]}
          />
        ),
      }}
    />
  );
}
