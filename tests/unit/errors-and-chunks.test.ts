import { describe, expect, it } from 'vitest';
import { BULK_INTERVAL_MAX_RUNS, bulkIntervalChunks } from '@/lib/mlflow/client';
import { errorFromResponse } from '@/lib/mlflow/errors';

// Recorded from MLflow 2.22.5 (gunicorn): get-history-bulk-interval with 100 run ids, a 4,204-byte request line.
const GUNICORN_400 = `<html>
  <head>
    <title>Bad Request</title>
  </head>
  <body>
    <h1><p>Bad Request</p></h1>
    Request Line is too large (4204 &gt; 4094)
  </body>
</html>
`;

describe('errorFromResponse with an HTML body', () => {
  it("says what the page says, not its first tag", () => {
    const error = errorFromResponse('metrics/get-history-bulk-interval', 400, GUNICORN_400, 'http://127.0.0.1:5000');
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('Request Line is too large (4204 > 4094)');
    expect(error.message).not.toContain('<');
  });

  it('a plain-text body keeps its first line', () => {
    expect(errorFromResponse('runs/get', 400, 'first line\nsecond', 'http://x').message).toContain('first line');
  });
});

describe('bulkIntervalChunks', () => {
  const ids = Array.from({ length: 250 }, (_, i) => i.toString(16).padStart(32, '0'));

  it('keeps every id once, in order, with each call under the URL budget and MLflow\'s 100-run limit', () => {
    const chunks = bulkIntervalChunks(ids);
    expect(chunks.flat()).toEqual(ids);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(BULK_INTERVAL_MAX_RUNS);
      expect(chunk.map((id) => `&run_ids=${id}`).join('').length).toBeLessThanOrEqual(3_000);
    }
    expect(chunks.length).toBe(Math.ceil(250 / Math.floor(3_000 / 41)));
  });

  it('short ids fill a call up to 100', () => {
    expect(bulkIntervalChunks(Array.from({ length: 150 }, (_, i) => String(i))).map((c) => c.length)).toEqual([100, 50]);
  });

  it('no ids, no calls', () => {
    expect(bulkIntervalChunks([])).toEqual([]);
  });
});

describe('MlflowError across bundles', () => {
  it('instanceof holds for an error made by another copy of the class (the lazily loaded drawer bundle)', async () => {
    const { MlflowError, isMlflowError } = await import('@/lib/mlflow/errors');
    // Another bundle's class: same brand, different constructor.
    class OtherBundleError extends Error {
      readonly kind = 'timeout';
    }
    const foreign = Object.assign(new OtherBundleError('MLflow took too long'), { [Symbol.for('lens-for-mlflow.MlflowError')]: true });
    expect(foreign instanceof MlflowError).toBe(true);
    expect(isMlflowError(foreign, 'timeout')).toBe(true);
    expect(new Error('plain') instanceof MlflowError).toBe(false);
    expect((null as unknown) instanceof MlflowError).toBe(false);
  });

  it('a subclass keeps the ordinary check: an MlflowError is not a RegistrationError', async () => {
    const { MlflowError } = await import('@/lib/mlflow/errors');
    const { RegistrationError } = await import('@/lib/register/register');
    const plain = new MlflowError({ kind: 'session-expired', message: 'expired', endpoint: 'runs/get' });
    expect(plain instanceof RegistrationError).toBe(false);
    expect(plain instanceof MlflowError).toBe(true);
  });
});
