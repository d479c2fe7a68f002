/**
 * A stand-in MLflow for feature tests: answers with the responses recorded from a real server by
 * tests/support/record-page-fixtures.mjs (tests/unit/fixtures/<version>/page-*.json), matched on method, path,
 * query and body, and counts what was asked. A request nothing was recorded for fails the test that made it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { MlflowClient } from '@/lib/mlflow/client';

export const BASE = 'http://localhost:5000/';
const FIXTURES = join(__dirname, '..', 'fixtures');

interface Recorded {
  request: { method: string; path: string; query?: Record<string, string | number | (string | number)[]>; body?: unknown };
  status: number;
  body: unknown;
}

export interface PageSeed {
  runs: Record<string, { run_id: string; experiment_id: string; status: string }>;
  experiments: { churn: { id: string; name: string } };
  overfitting_run: string;
  healthy_run: string;
  model_run_2x: string;
}

export function pageSeed(version: string): PageSeed {
  return JSON.parse(readFileSync(join(FIXTURES, version, 'page-seed.json'), 'utf8')) as PageSeed;
}

export interface Asked {
  method: string;
  /** Relative to the base, e.g. `ajax-api/2.0/mlflow/runs/get`. */
  path: string;
  query: URLSearchParams;
}

function queryOf(recorded: Recorded['request']['query']): [string, string][] {
  return Object.entries(recorded ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item): [string, string] => [k, String(item)]));
}

const sorted = (entries: [string, string][]) => [...entries].sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));

export function pageServer(version: string, options: { fail?: (asked: Asked) => Response | undefined } = {}) {
  const recordings = readdirSync(join(FIXTURES, version))
    .filter((f) => f.startsWith('page-') && f !== 'page-seed.json')
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, version, f), 'utf8')) as Recorded);
  const asked: Asked[] = [];
  const unmatched: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.slice(1);
    const entry = { method, path, query: url.searchParams };
    asked.push(entry);
    const failure = options.fail?.(entry);
    if (failure) return failure;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const hit = recordings.find(
      (r) =>
        r.request.method === method &&
        r.request.path === path &&
        isDeepStrictEqual(sorted(queryOf(r.request.query)), sorted([...url.searchParams])) &&
        isDeepStrictEqual(r.request.body === undefined ? undefined : JSON.parse(JSON.stringify(r.request.body)), body),
    );
    if (!hit) {
      unmatched.push(`${method} ${url.pathname}${url.search} ${init?.body ?? ''}`);
      return new Response(JSON.stringify({ error_code: 'NOT_RECORDED', message: `not recorded: ${method} ${path}` }), { status: 418 });
    }
    const text = typeof hit.body === 'string' ? hit.body : JSON.stringify(hit.body);
    return new Response(text, { status: hit.status, headers: { 'content-type': typeof hit.body === 'string' ? 'text/plain' : 'application/json' } });
  }) as typeof fetch;
  const client = new MlflowClient({ baseUrl: BASE, fetch: fetchImpl, retryDelaysMs: [] });
  /** How many requests went to `endpoint` (the path's end, e.g. `runs/get`). */
  const count = (endpoint: string) => asked.filter((a) => a.path.endsWith(endpoint)).length;
  return { client, asked, unmatched, count };
}
