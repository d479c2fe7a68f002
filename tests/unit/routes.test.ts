import { describe, expect, it } from 'vitest';
import {
  compareRunsHash,
  examples,
  pageKind,
  pageKinds,
  parseRoute,
  predicates,
  SUPERSETS,
  type PageKind,
  type PredicateName,
  type Route,
} from '@/lib/mlflow/routes';

const names = Object.keys(predicates) as PredicateName[];

/** Every predicate a predicate contains, transitively (from the documented SUPERSETS). */
function containedIn(name: PredicateName, seen = new Set<PredicateName>()): Set<PredicateName> {
  for (const sub of SUPERSETS[name] ?? []) {
    if (seen.has(sub)) continue;
    seen.add(sub);
    containedIn(sub, seen);
  }
  return seen;
}

describe('route predicates (github-url-detection style)', () => {
  it('every predicate has examples', () => {
    for (const name of names) expect(examples[name].length, name).toBeGreaterThan(0);
  });

  for (const name of names) {
    describe(name, () => {
      it('matches all its own examples', () => {
        for (const url of examples[name]) expect(predicates[name](url), `${name}(${url})`).toBe(true);
      });

      it("matches no other predicate's examples, except those it is documented to contain", () => {
        const contained = containedIn(name);
        for (const other of names) {
          if (other === name) continue;
          for (const url of examples[other]) {
            expect(predicates[name](url), `${name}(${url}) [example of ${other}]`).toBe(contained.has(other));
          }
        }
      });

      it('gives the same answer for a URL object and for the parsed route', () => {
        for (const url of examples[name]) {
          let asUrl: URL | null = null;
          try {
            asUrl = new URL(url);
          } catch {
            // not a URL: only the string form applies
          }
          if (asUrl) expect(predicates[name](asUrl)).toBe(true);
          expect(predicates[name](parseRoute(url))).toBe(true);
        }
      });
    });
  }

  it('the documented supersets are real containments', () => {
    for (const [outer, inner] of Object.entries(SUPERSETS) as [PredicateName, PredicateName[]][]) {
      for (const sub of inner) for (const url of examples[sub]) expect(predicates[outer](url), `${outer} ⊇ ${sub}: ${url}`).toBe(true);
    }
  });

  it('every page kind is reachable from some example', () => {
    const seen = new Set<PageKind>(names.flatMap((n) => examples[n].map((u) => pageKind(u))));
    expect([...seen].sort()).toEqual([...pageKinds].sort());
  });

  it('each predicate corresponds to page kinds', () => {
    const kindsOf: Record<PredicateName, PageKind[]> = {
      isHome: ['home'],
      isExperimentList: ['experiment-list'],
      isExperimentPage: ['experiment', 'experiment-runs'],
      isExperimentRunsPage: ['experiment-runs'],
      isRunsTable: ['experiment-runs'],
      isRunsChart: ['experiment-runs'],
      isCompareExperimentsPage: ['compare-experiments'],
      isRunPage: ['run'],
      isRunOverviewTab: ['run'],
      isRunModelMetricsTab: ['run'],
      isRunSystemMetricsTab: ['run'],
      isRunArtifactsTab: ['run'],
      isRunTracesTab: ['run'],
      isDirectRunPage: ['run'],
      isCompareRunsPage: ['compare-runs'],
      isLoggedModelPage: ['logged-model'],
      isRegisteredModelList: ['registered-models'],
      isRegisteredModelPage: ['registered-model'],
      isModelVersionPage: ['model-version'],
      isUnknownPage: ['unknown'],
    };
    for (const name of names) for (const url of examples[name]) expect(kindsOf[name], `${name}: ${url}`).toContain(pageKind(url));
  });
});

describe('parseRoute', () => {
  const RUN = '0b203b6ea330476396fc250b1b715d2f';
  const RUN2 = '38e0b2f0b6cc46e092a8516c49d4fc98';
  const cases: [string, Route][] = [
    ['http://localhost:5000/#/', { kind: 'home' }],
    ['http://localhost:5000/#/experiments', { kind: 'experiment-list' }],
    // 2.x runs page: mode in the query, absent = table
    ['http://h/#/experiments/1', { kind: 'experiment-runs', experimentId: '1', runsView: 'table' }],
    [
      'http://h/#/experiments/689813971422586131?compareRunsMode=CHART&searchFilter=&orderByKey=attributes.start_time',
      { kind: 'experiment-runs', experimentId: '689813971422586131', runsView: 'chart' },
    ],
    ['http://h/#/experiments/1?compareRunsMode=TRACES', { kind: 'experiment', experimentId: '1', tab: 'traces' }],
    // 3.x runs page
    ['http://h/#/experiments/7/runs?compareRunsMode=TABLE', { kind: 'experiment-runs', experimentId: '7', runsView: 'table' }],
    ['http://h/#/experiments/7/runs?compareRunsMode=chart', { kind: 'experiment-runs', experimentId: '7', runsView: 'chart' }],
    ['http://h/#/experiments/7/runs?compareRunsMode=ARTIFACT', { kind: 'experiment-runs', experimentId: '7', runsView: 'artifact' }],
    ['http://h/#/experiments/7/traces', { kind: 'experiment', experimentId: '7', tab: 'traces' }],
    ['http://h/#/experiments/7/models', { kind: 'experiment', experimentId: '7', tab: 'models' }],
    // static prefix
    [`http://h/mlflow/#/experiments/1/runs/${RUN}`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'overview' }],
    [`http://h/a/b/c/#/experiments/1/runs/${RUN}/model-metrics`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'model-metrics' }],
    [`http://h/#/experiments/1/runs/${RUN}/system-metrics`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'system-metrics' }],
    [`http://h/#/experiments/1/runs/${RUN}/evaluations`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'evaluations' }],
    [`http://h/#/experiments/1/runs/${RUN}/traces`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'traces' }],
    [`http://h/#/experiments/1/runs/${RUN}/artifacts`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'artifacts' }],
    [
      `http://h/#/experiments/1/runs/${RUN}/artifacts/model/my%20file.txt`,
      { kind: 'run', experimentId: '1', runId: RUN, tab: 'artifacts', artifactPath: 'model/my file.txt' },
    ],
    [
      `http://h/#/experiments/1/runs/${RUN}/artifactPath/model/MLmodel`,
      { kind: 'run', experimentId: '1', runId: RUN, tab: 'artifacts', artifactPath: 'model/MLmodel' },
    ],
    [`http://h/#/experiments/1/runs/${RUN}/whatever`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'overview' }],
    [`http://h/#/experiments/1/runs/${RUN.toUpperCase()}`, { kind: 'run', experimentId: '1', runId: RUN, tab: 'overview' }],
    [`http://h/#/experiments/1/evaluation-runs/${RUN2}`, { kind: 'run', experimentId: '1', runId: RUN2, tab: 'overview' }],
    [`http://h/#/runs/${RUN}`, { kind: 'run', runId: RUN, tab: 'overview' }],
    // workspace (3.10+)
    [
      `http://h/mlflow/#/experiments/3/runs/${RUN}/model-metrics?workspace=team-a`,
      { kind: 'run', experimentId: '3', runId: RUN, tab: 'model-metrics', workspace: 'team-a' },
    ],
    ['http://h/#/experiments?workspace=team%20b', { kind: 'experiment-list', workspace: 'team b' }],
    ['http://h/#/models/my%20model?workspace=w', { kind: 'registered-model', modelName: 'my model', workspace: 'w' }],
    // compare runs: JSON arrays, raw or percent-encoded
    [
      `http://h/#/compare-runs?runs=["${RUN}","${RUN2}"]&experiments=["1"]`,
      { kind: 'compare-runs', runIds: [RUN, RUN2], experimentIds: ['1'] },
    ],
    [
      `http://h/#/compare-runs?runs=[%22${RUN}%22,%22${RUN2}%22]&experiments=[%221%22,%222%22]`,
      { kind: 'compare-runs', runIds: [RUN, RUN2], experimentIds: ['1', '2'] },
    ],
    ['http://h/#/compare-runs', { kind: 'compare-runs', runIds: [], experimentIds: [] }],
    ['http://h/#/compare-experiments/s?experiments=["1","2"]', { kind: 'compare-experiments', experimentIds: ['1', '2'] }],
    // logged models (3.x)
    [
      'http://h/#/experiments/1/models/m-d5acf5e91398416893a22021cd45a6f1',
      { kind: 'logged-model', experimentId: '1', loggedModelId: 'm-d5acf5e91398416893a22021cd45a6f1', tab: 'overview' },
    ],
    [
      'http://h/#/experiments/1/models/m-d5acf5e91398416893a22021cd45a6f1/artifacts',
      { kind: 'logged-model', experimentId: '1', loggedModelId: 'm-d5acf5e91398416893a22021cd45a6f1', tab: 'artifacts' },
    ],
    // model registry: names are encodeURIComponent-ed (spaces, slashes allowed before 3.11)
    ['http://h/#/models', { kind: 'registered-models' }],
    ['http://h/#/models/my%20model', { kind: 'registered-model', modelName: 'my model' }],
    ['http://h/#/models/team%2Fsub%20model', { kind: 'registered-model', modelName: 'team/sub model' }],
    ['http://h/#/models/caf%C3%A9', { kind: 'registered-model', modelName: 'café' }],
    ['http://h/#/models/100%25', { kind: 'registered-model', modelName: '100%' }],
    ['http://h/#/models/bad%E0%A4%A', { kind: 'registered-model', modelName: 'bad%E0%A4%A' }],
    ['http://h/#/models/my%20model/versions/3', { kind: 'model-version', modelName: 'my model', version: '3' }],
    ['http://h/#/models/team%2Fsub%20model/versions/12', { kind: 'model-version', modelName: 'team/sub model', version: '12' }],
    // a string with a raw space: the URL parser encodes it, the name comes back decoded
    ['http://h/#/models/my model/versions/1', { kind: 'model-version', modelName: 'my model', version: '1' }],
    // not MLflow, or not a page Lens knows
    ['https://github.com/mlflow/mlflow', { kind: 'unknown' }],
    ['https://example.com/page#section', { kind: 'unknown' }],
    ['http://h/mlflow/', { kind: 'unknown' }],
    ['http://h/#/prompts', { kind: 'unknown' }],
    ['http://h/#/settings', { kind: 'unknown' }],
    ['http://h/#/experiments/x1', { kind: 'unknown' }],
    ['http://h/#/experiments/1/runs/0b203b6e', { kind: 'unknown' }],
    ['http://h/#/experiments/1/models/m-123', { kind: 'unknown' }],
    ['relative/path#/experiments/1', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ];

  for (const [url, expected] of cases) {
    it(`${url || '(empty)'} → ${expected.kind}`, () => {
      expect(parseRoute(url)).toEqual(expected);
      expect(pageKind(url)).toBe(expected.kind);
    });
  }

  it('accepts URL objects', () => {
    expect(parseRoute(new URL(`http://h/#/experiments/1/runs/${RUN}/model-metrics`))).toEqual({
      kind: 'run',
      experimentId: '1',
      runId: RUN,
      tab: 'model-metrics',
    });
  });

  it('lists every kind once, unknown last', () => {
    expect(new Set(pageKinds).size).toBe(pageKinds.length);
    expect(pageKinds.at(-1)).toBe('unknown');
  });
});

describe('compareRunsHash', () => {
  it('builds the compare-runs route that parseRoute reads back (experiments de-duplicated)', () => {
    const runs = ['a'.repeat(32), 'b'.repeat(32)];
    const hash = compareRunsHash(runs, ['1', '2', '1']);
    expect(hash.startsWith('#/compare-runs?')).toBe(true);
    expect(parseRoute(`http://localhost:5000/${hash}`)).toMatchObject({ kind: 'compare-runs', runIds: runs, experimentIds: ['1', '2'] });
  });
});
