/**
 * The run-comparison drawer's logic: pure functions over pinned runs, their metric histories and params.
 * No DOM, no browser API: the drawer renders what these return, and tests run them in Node.
 */
export { alignSeries, type AlignedSeries, type XAxis } from './align';
export { summariseMetric, bestRunIndices, type MetricSummary } from './summary';
export { diffRows, naturalCompare, parseStrictNumber, type DiffRow } from './diff';
export { formatDelta, formatValue } from './format';
export { toCsv, alignedSeriesCsv, type CsvCell } from './csv';
export { quantileRange } from './range';
export {
  MAX_PINS,
  Pin,
  PinStore,
  PIN_PALETTE,
  readPinStore,
  addPins,
  removePins,
  pinColour,
  pinColours,
  pinColourSlots,
  runColours,
  type AddResult,
} from './pins';
export { decimateMinMax } from './decimate';
export { X_TITLES, formatDuration, formatWallTime, formatX, logTickLabels } from './axis';
export { nearestLookup, type NearestLookup } from './nearest';
export { ellipsise, layoutLegend, type LegendEntry, type LegendLayout, type LegendLayoutOptions } from './legend-layout';
