#!/usr/bin/env node
// Manual helper: start a seeded throwaway MLflow server and keep it up until Ctrl-C.
//   node tests/support/start-server.mjs [--mlflow 2|3|<x.y.z>] [--port N] [--prefix /mlflow] [--basic-auth] [--no-seed] [--quiet]
import { parseArgs } from 'node:util';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const { values } = parseArgs({
  options: {
    mlflow: { type: 'string', default: '3' },
    port: { type: 'string' },
    prefix: { type: 'string' },
    'basic-auth': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: node tests/support/start-server.mjs [--mlflow 2|3|<x.y.z>] [--port N] [--prefix /mlflow] [--basic-auth] [--no-seed] [--quiet]',
  );
  process.exit(0);
}
const m = values.mlflow;
const version = m === '2' ? MLFLOW_VERSIONS.v2 : m === '3' || m === 'latest' ? MLFLOW_VERSIONS.latest : m;

const server = await startMlflow({
  version,
  port: values.port ? Number(values.port) : undefined,
  staticPrefix: values.prefix,
  basicAuth: values['basic-auth'],
  seed: !values['no-seed'],
  quiet: values.quiet,
});
console.log(`MLflow ${version} is up: ${server.url}`);
console.log(`  started in ${server.startMs} ms${server.seed ? `, seeded in ${server.seedMs} ms` : ''}; data in ${server.dataDir}`);
if (server.auth) console.log(`  basic auth: ${server.auth.username} / ${server.auth.password}`);
if (server.seed) console.log(`SEED_JSON ${JSON.stringify(server.seed, null, 2)}`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
setInterval(() => {}, 1 << 30); // keep the event loop alive
