import { PlannedFeatures, SignedInPage, type Welcome } from '@caretracker/ui';
import { config } from '@/lib/config';

// What each role this app is for sees once signed in.
const welcome: Welcome = {
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
};

export default function HomePage() {
  return <SignedInPage {...config} welcome={welcome} />;
}
