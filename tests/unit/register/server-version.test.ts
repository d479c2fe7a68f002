/** getServerVersion: where each server line serves `version` (observed on 3.17.2 and 2.22.5, with and without a static prefix). */
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { loadServerVersion } from '@/lib/register';
import { recorded, V2, V3 } from './helpers';

const NOT_FOUND = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>';
// Both lines answer `version` as text/html (not text/plain).
const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

function serving(routes: Record<string, () => Response>) {
  const asked: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    asked.push(url.pathname);
    return (routes[url.pathname] ?? (() => text(404, NOT_FOUND)))();
  }) as typeof fetch;
  return { fetchImpl, asked };
}

describe('MlflowClient.getServerVersion', () => {
  it('3.17 with --static-prefix: under the prefix', async () => {
    const body = String(recorded(V3, 'version').body);
    const { fetchImpl, asked } = serving({ '/mlflow/version': () => text(200, body) });
    const client = new MlflowClient({ baseUrl: 'http://h/mlflow/', fetch: fetchImpl });
    expect(await client.getServerVersion()).toBe('3.17.2');
    expect(asked).toEqual(['/mlflow/version']);
  });

  it('2.22 with --static-prefix: the prefixed path is a 404, the origin root answers', async () => {
    const body = String(recorded(V2, 'version').body);
    const { fetchImpl, asked } = serving({ '/version': () => text(200, body) });
    const client = new MlflowClient({ baseUrl: 'http://h/mlflow/', fetch: fetchImpl });
    expect(await client.getServerVersion()).toBe('2.22.5');
    expect(asked).toEqual(['/mlflow/version', '/version']);
  });

  it('no prefix: one request; a proxy\'s HTML page in its place is not a version', async () => {
    const root = serving({ '/version': () => text(200, '3.5.0\n') });
    expect(await new MlflowClient({ baseUrl: 'http://h/', fetch: root.fetchImpl }).getServerVersion()).toBe('3.5.0');
    expect(root.asked).toEqual(['/version']);

    const spa = serving({ '/app/version': () => text(200, '<!doctype html><html><body>app</body></html>'), '/version': () => text(200, '3.1.0') });
    expect(await new MlflowClient({ baseUrl: 'http://h/app/', fetch: spa.fetchImpl }).getServerVersion()).toBe('3.1.0');
  });

  it('session expired is thrown as is; "nowhere" makes loadServerVersion null', async () => {
    const locked = serving({ '/version': () => new Response('You are not authenticated.', { status: 401 }) });
    await expect(new MlflowClient({ baseUrl: 'http://h/', fetch: locked.fetchImpl }).getServerVersion()).rejects.toMatchObject({ kind: 'session-expired' });
    await expect(loadServerVersion(new MlflowClient({ baseUrl: 'http://h/', fetch: locked.fetchImpl }))).rejects.toMatchObject({ kind: 'session-expired' });

    const nowhere = serving({});
    const client = new MlflowClient({ baseUrl: 'http://h/p/', fetch: nowhere.fetchImpl });
    await expect(client.getServerVersion()).rejects.toMatchObject({ kind: 'not-found' });
    expect(await loadServerVersion(client)).toBeNull();
  });
});
