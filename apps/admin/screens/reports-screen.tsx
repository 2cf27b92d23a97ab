'use client';

import { Tab, TabList, TabPanel, Tabs, todayIn } from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EvvExportPanel } from './evv-export-panel';
import { BudgetReportPanel, TimesheetReportPanel, VisitReportPanel } from './report-panels';
import type { Period } from './report-parts';

/** /reports: visits, timesheets and budgets, each with its chart and table, filters and CSV/PDF downloads. */
export function ReportsScreen() {
  const t = useTranslations('reports');
  const timeZone = useFormat().timeZone ?? 'America/Los_Angeles';
  const today = todayIn(timeZone);
  // The last four weeks by default, one period shared by the visit and timesheet reports.
  const [period, setPeriod] = useState<Period>({ from: today.subtract({ days: 27 }).toString(), to: today.toString() });
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs>
        <TabList label={t('which')}>
          <Tab id="visits">{t('visits.title')}</Tab>
          <Tab id="timesheets">{t('timesheets.title')}</Tab>
          <Tab id="budgets">{t('budgets.title')}</Tab>
          <Tab id="evv">{t('evvTab')}</Tab>
        </TabList>
        <TabPanel id="visits">
          <VisitReportPanel period={period} onPeriod={setPeriod} />
        </TabPanel>
        <TabPanel id="timesheets">
          <TimesheetReportPanel period={period} onPeriod={setPeriod} />
        </TabPanel>
        <TabPanel id="budgets">
          <BudgetReportPanel />
        </TabPanel>
        <TabPanel id="evv">
          <EvvExportPanel period={period} onPeriod={setPeriod} />
        </TabPanel>
      </Tabs>
    </>
  );
}
