// Consistency of the corpus of real framework runs (tests/unit/fixtures/frameworks, recorded by
// `npm run record:frameworks`): every file parses, has its fields, names a pair that was logged, and its
// bestStep is where the raw validation history has its best value. Not a test of Lens's verdict.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, 'fixtures', 'frameworks');
const VERDICTS = ['overfitting', 'watch', 'healthy', 'diverging', 'too-early', 'no-validation'];

type Point = { key: string; value: number; timestamp: number; step: number };
type Fixture = {
  framework: string;
  integration: string;
  script: string;
  recorded: Record<string, string>;
  expected: {
    verdict: string;
    train: string | null;
    validation: string | null;
    bestEpoch: number | null;
    bestStep: number | null;
    unit: string;
    note: string;
    maximise?: boolean;
  };
  run: { run: { info: { run_id: string; run_name: string }; data: { metrics?: { key: string }[] } } };
  histories: Record<string, { metrics?: Point[] }>;
};

const files = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(DIR, d.name)).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f}`))
  .sort();

describe('framework fixtures', () => {
  it('exist for every framework family', () => {
    const families = new Set(files.map((f) => f.split('/')[0]));
    for (const fw of ['xgboost', 'lightgbm', 'lightning', 'transformers', 'keras']) expect(families).toContain(fw);
  });

  it.each(files)('%s is consistent', (file) => {
    const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
    const [dir = '', name = ''] = file.split('/');
    expect(fx.framework).toBe(dir);
    expect(typeof fx.integration).toBe('string');
    expect(fx.script).toMatch(/^tests\/support\/frameworks\/\w+\.py$/);
    expect(fx.recorded.mlflow).toMatch(/^\d+\.\d+\.\d+/);
    expect(fx.recorded[fx.framework]).toMatch(/^\d+\.\d+/);
    expect(fx.recorded.python).toMatch(/^3\.\d+/);
    expect(fx.recorded.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The raw runs/get answer, and one raw get-history answer per metric key of the run.
    expect(fx.run.run.info.run_name).toBe(name.replace(/\.json$/, ''));
    const keys = [...new Set((fx.run.run.data.metrics ?? []).map((m) => m.key))].sort();
    expect(Object.keys(fx.histories).sort()).toEqual(keys);
    for (const [key, h] of Object.entries(fx.histories)) {
      expect(h.metrics?.length, key).toBeGreaterThan(0);
      for (const p of h.metrics ?? []) expect(p.key).toBe(key);
    }

    const e = fx.expected;
    expect(VERDICTS).toContain(e.verdict);
    expect(['epoch', 'step']).toContain(e.unit);
    expect(e.note.length).toBeGreaterThan(10);
    if (e.train !== null) expect(keys).toContain(e.train);
    if (e.validation === null) {
      expect(e.verdict).toBe('no-validation');
      expect(e.bestStep).toBeNull();
      return;
    }
    expect(keys).toContain(e.validation);
    const points = fx.histories[e.validation]?.metrics ?? [];
    const best = points.reduce((b, p) => ((e.maximise ? p.value > b.value : p.value < b.value) ? p : b));
    expect(e.bestStep).toBe(best.step);
    expect(Number.isInteger(e.bestEpoch)).toBe(true);
    if (e.unit === 'epoch' && fx.histories.epoch) {
      // bestEpoch is the `epoch` metric's value at the best step (Lightning, Transformers: steps are global steps).
      const at = (fx.histories.epoch.metrics ?? []).find((p) => p.step === best.step);
      if (at) expect(e.bestEpoch).toBe(Math.round(at.value));
    }
  });
});
