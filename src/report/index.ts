/** HTML reports: one self-contained file per run or comparison, the index of saved summaries, metric directions. */
export {
  compareMetric,
  type Direction,
  METRIC_DIRECTIONS,
  metricDirection,
  regressionPercent,
} from './directions.js';
export { type IndexEntry, renderIndex, reportHref } from './index-page.js';
export { type RenderOptions, renderReport } from './render.js';
