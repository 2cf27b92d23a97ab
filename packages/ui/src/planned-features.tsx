import { Card } from './card';

export interface PlannedFeaturesProps {
  title: string;
  intro: string;
  features: readonly string[];
}

/** An honest placeholder: names the screens that are coming and says they are not built yet. */
export function PlannedFeatures({ title, intro, features }: PlannedFeaturesProps) {
  return (
    <Card title={title}>
      <p className="mb-3 text-ink">{intro}</p>
      <p className="mb-2 font-semibold text-ink-muted">Not built yet — coming in later releases:</p>
      <ul className="list-disc space-y-1 pl-6 text-ink">
        {features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
    </Card>
  );
}
