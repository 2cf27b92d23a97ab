import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AXE_EXCLUDE, WCAG_TAGS } from './fixtures';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One paragraph per violated rule: what, how bad, where, why each element fails, and where to read more. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => {
        const why = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
        return `    at ${node.target.join(' ')}${why ? `: ${why}` : ''}`;
      });
      return [`  ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`, ...nodes].join('\n');
    })
    .join('\n');
}

/** The WCAG 2.2 AA violations on the page (axe-core with the wcag2a…wcag22aa tags). */
export async function wcagViolations(page: Page): Promise<Violation[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude(AXE_EXCLUDE).analyze();
  return violations;
}
