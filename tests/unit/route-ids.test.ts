import { describe, expect, it } from 'vitest';
import { parseIdQuery } from '@/lib/mlflow/routes';

/** The run id in the text, as quick search reads it. */
const looksLikeRunId = (text: string) => { const q = parseIdQuery(text); return q?.kind === 'run' ? q.id : null; };

const ID = 'be1aadb1b715485898456051edacc074';

describe('looksLikeRunId', () => {
  it('accepts 32 hex characters, trimmed, any case (lower-cased)', () => {
    expect(looksLikeRunId(ID)).toBe(ID);
    expect(looksLikeRunId(`  ${ID}\n`)).toBe(ID);
    expect(looksLikeRunId(ID.toUpperCase())).toBe(ID);
  });

  it.each([
    ['31 characters', ID.slice(1)],
    ['33 characters', `${ID}0`],
    ['a non-hex character', `${ID.slice(1)}g`],
    ['a dashed uuid', 'be1aadb1-b715-4858-9845-6051edacc074'],
    ['inner space', `${ID.slice(0, 16)} ${ID.slice(16)}`],
    ['a run name', 'crawling-mole-592'],
    ['empty', ''],
    ['a logged model id', `m-${ID}`],
    ['an experiment URL', 'http://localhost:5000/#/experiments/1'],
    ['an id glued to more hex in a URL', `http://h/#/experiments/1/runs/${ID}ab`],
  ])('rejects %s', (_name, text) => {
    expect(looksLikeRunId(text)).toBeNull();
  });

  it.each([
    `http://127.0.0.1:5000/#/experiments/1/runs/${ID}`,
    `http://127.0.0.1:5000/#/experiments/1/runs/${ID}/`,
    `https://mlflow.example.com/mlflow/#/experiments/12/runs/${ID}/model-metrics`,
    `http://localhost:5000/#/experiments/1/runs/${ID}/artifacts/model/MLmodel`,
    `http://localhost:5000/#/experiments/1/runs/${ID}?o=123`,
    `http://localhost:5000/#/runs/${ID}`,
    `#/experiments/1/runs/${ID.toUpperCase()}`,
    `http%3A%2F%2Flocalhost%3A5000%2F%23%2Fexperiments%2F1%2Fruns%2F${ID}`,
  ])('extracts the id from the URL %s', (url) => {
    expect(looksLikeRunId(url)).toBe(ID);
  });
});

describe('parseIdQuery', () => {
  it('tells runs from logged models, and keeps the experiment id of a URL', () => {
    expect(parseIdQuery(ID)).toEqual({ kind: 'run', id: ID, fromUrl: false });
    expect(parseIdQuery(`M-${ID.toUpperCase()}`)).toEqual({ kind: 'logged-model', id: `m-${ID}`, fromUrl: false });
    expect(parseIdQuery(`http://h/#/experiments/7/runs/${ID}`)).toEqual({ kind: 'run', id: ID, experimentId: '7', fromUrl: true });
    expect(parseIdQuery(`http://h/#/experiments/7/models/m-${ID}`)).toEqual({
      kind: 'logged-model',
      id: `m-${ID}`,
      experimentId: '7',
      fromUrl: true,
    });
  });

  it('ignores near misses', () => {
    expect(parseIdQuery(`m-${ID.slice(1)}`)).toBeNull();
    expect(parseIdQuery(`m_${ID}`)).toBeNull();
    expect(parseIdQuery('http://h/#/models/Churn/versions/1')).toBeNull();
    expect(parseIdQuery('100%')).toBeNull();
    expect(parseIdQuery('a/b%zz')).toBeNull();
  });
});

describe('building MLflow URLs', () => {
  it('gives hash routes that parseRoute reads back as the same page', async () => {
    const { parseRoute, runHash, experimentHash, registeredModelHash, modelVersionHash, loggedModelHash, pageBase, shortBase } = await import('@/lib/mlflow/routes');
    const at = (hash: string) => parseRoute(`http://localhost:5000/${hash}`);
    expect(at(runHash('7', ID))).toMatchObject({ kind: 'run', experimentId: '7', runId: ID });
    expect(at(experimentHash('7'))).toMatchObject({ kind: 'experiment-runs', experimentId: '7' });
    expect(at(registeredModelHash('Churn / v2?'))).toMatchObject({ kind: 'registered-model', modelName: 'Churn / v2?' });
    expect(at(modelVersionHash('a b', 3))).toMatchObject({ kind: 'model-version', modelName: 'a b', version: '3' });
    expect(at(loggedModelHash('7', `m-${ID}`))).toMatchObject({ kind: 'logged-model', experimentId: '7', loggedModelId: `m-${ID}` });
    expect(pageBase('https://x.snowflakecomputing.app/mlflow/#/experiments/1?a=b')).toBe('https://x.snowflakecomputing.app/mlflow/');
    expect(shortBase('http://localhost:5000/')).toBe('localhost:5000');
  });
});
