export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
  samples?: number[];
  section?: string;
}
export interface Comparison {
  id: string;
  label: string;
  before: number;
  after: number;
  unit: string;
  worseBy: number;
  flagged: boolean;
}
export function parseArgs(argv: string[]): { only: string[]; repeats: number; compare: string | null; threshold: number; help?: boolean };
export function figuresFromVitest(report: unknown, section: string): Figure[];
export function compareFigures(current: Figure[], previous: Figure[], threshold?: number): Comparison[];
export function figuresFromSearch(result: unknown, section: string): Figure[];
