import { PlannedFeatures, SignedInPage, type Welcome } from '@caretracker/ui';
import { config } from '@/lib/config';

// What each role this app is for sees once signed in.
const welcome: Welcome = {
  ADMIN: (
    <PlannedFeatures
      title="Agency administration"
      intro="Run the office: people, scheduling, budgets and compliance."
      features={[
        'People: clients, workers, supervisors and teams',
        'Scheduling board',
        'Care plans and budgets',
        'Approvals and reports',
        'Audit log and system health',
      ]}
    />
  ),
  SUPERVISOR: (
    <PlannedFeatures
      title="Your team"
      intro="Keep your team's visits on track and act on exceptions early."
      features={[
        "Team schedule and today's visits",
        'Missed and late visit alerts',
        'Care plan reviews',
        'Expense and timesheet approvals',
      ]}
    />
  ),
};

export default function HomePage() {
  return <SignedInPage {...config} welcome={welcome} />;
}
