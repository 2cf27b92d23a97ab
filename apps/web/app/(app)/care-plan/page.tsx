import { pageTitle } from '@caretracker/ui/shell/server';
import { CarePlanScreen } from './care-plan-screen';

export const generateMetadata = pageTitle('portal.plan.title');

export default function CarePlanPage() {
  return <CarePlanScreen />;
}
