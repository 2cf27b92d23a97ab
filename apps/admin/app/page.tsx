import { PlannedFeatures, SignedInPage } from '@caretracker/ui';
import { apiUrl, appUrls, idleTimeoutMinutes } from '@/lib/config';

export default function HomePage() {
  return (
    <SignedInPage
      apiUrl={apiUrl}
      app="admin"
      appUrls={appUrls}
      idleTimeoutMinutes={idleTimeoutMinutes}
      welcome={{
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
      }}
    />
  );
}
