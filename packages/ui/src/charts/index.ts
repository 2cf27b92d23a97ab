// `@caretracker/ui/charts`: Recharts is heavy; only routes that draw a chart import this subpath.
export { type ChartRow, type ChartSeries, ChartWithTable, type ChartWithTableProps } from './chart-with-table';
