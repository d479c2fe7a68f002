import { describe, expect, it } from 'vitest';
import { defaultModelName, MAX_ALIAS_LENGTH, validateAlias, validateModelName } from '@/lib/register';

describe('validateAlias (as mlflow/utils/validation.py)', () => {
  it.each(['', 'champion', 'v1a', 'va', 'v', 'prod-2024_a', 'Latest1', 'modèle', '生产', 'v1-b', 'a'.repeat(MAX_ALIAS_LENGTH)])(
    '%j is accepted',
    (alias) => expect(validateAlias(alias)).toBeNull(),
  );
  it.each([
    ['latest', /reserved/],
    ['LATEST', /reserved/],
    ['Latest', /reserved/],
    ['v1', /reserved.*version/],
    ['V12', /reserved.*version/],
    ['v007', /reserved/],
    ['a b', /letters, digits/],
    ['a.b', /letters, digits/],
    ['a/b', /letters, digits/],
    ['a:b', /letters, digits/],
    ['champion\n', /letters, digits/],
    ['a'.repeat(MAX_ALIAS_LENGTH + 1), /too long/],
  ])('%j is refused', (alias, why) => expect(validateAlias(alias)).toMatch(why));
});

describe('validateModelName', () => {
  it('accepts ordinary names, spaces, dots and 256 characters', () => {
    for (const name of ['Churn', 'churn model', 'a.b', 'x-y_z', 'é', 'n'.repeat(256)]) expect(validateModelName(name)).toBeNull();
  });
  it('refuses empty, blank and too long names', () => {
    expect(validateModelName('')).toMatch(/enter a model name/i);
    expect(validateModelName('   ')).toMatch(/enter a model name/i);
    expect(validateModelName('n'.repeat(257))).toMatch(/too long.*257.*256/);
  });
  it('refuses "/" and ":" (MLflow 3.11+) and path-like names', () => {
    expect(validateModelName('a/b')).toMatch(/"\/" or ":"/);
    expect(validateModelName('team:churn')).toMatch(/"\/" or ":"/);
    expect(validateModelName('.')).toMatch(/"\."/);
    expect(validateModelName('..churn')).toMatch(/\.\./);
  });
  it('for an existing model, only the checks every server makes', () => {
    expect(validateModelName('old/model', { existing: true })).toBeNull();
    expect(validateModelName('', { existing: true })).not.toBeNull();
  });
});

describe('defaultModelName', () => {
  it.each([
    ['HM_Dataset/binary_classification/Churn', 'Churn'],
    ['Churn', 'Churn'],
    ['/Users/someone@example.com/fraud-detector', 'fraud-detector'],
    ['team/exp/', 'exp'],
    ['  spaced / name  ', 'name'],
    ['proj:v2', 'proj-v2'],
    ['a/b:c:d', 'b-c-d'],
    ['/', 'model'],
    ['', 'model'],
    ['   ', 'model'],
    ['x/..', 'model'],
    ['x/..hidden', 'hidden'],
    ['Default', 'Default'],
  ])('%j → %j', (experiment, name) => {
    expect(defaultModelName(experiment)).toBe(name);
    expect(validateModelName(defaultModelName(experiment))).toBeNull();
  });
  it('is cut to 256 characters', () => {
    const name = defaultModelName(`a/${'x'.repeat(300)}`);
    expect(name).toHaveLength(256);
    expect(validateModelName(name)).toBeNull();
  });
});
