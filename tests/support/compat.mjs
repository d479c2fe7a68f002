#!/usr/bin/env node
// `npm run test:compat [-- --mlflow 2.17.2,3.1.4] [-- <playwright args>]`: the whole e2e suite (Chromium and
// Firefox) on the MLflow versions listed, one Playwright project each; by default the compat list of
// tests/support/versions.json (the oldest supported 2.x, an early 3.x, 3.6 and a mid 3.x). The build is copied
// first, so a rebuild during the run cannot change what is tested.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLFLOW_VERSIONS } from './mlflow-server.mjs';

const args = process.argv.slice(2);
let versions = MLFLOW_VERSIONS.compat;
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mlflow') versions = args[++i].split(',').map((v) => v.trim()).filter(Boolean);
  else if (args[i].startsWith('--mlflow=')) versions = args[i].slice('--mlflow='.length).split(',').filter(Boolean);
  else if (args[i] === '--no-build') continue;
  else rest.push(args[i]);
}
const bad = versions.filter((v) => !/^\d+\.\d+\.\d+$/.test(v));
if (bad.length || versions.length === 0) {
  console.error(`test:compat: --mlflow takes a comma-separated list of MLflow releases such as 2.17.2,3.1.4 (got ${bad.join(', ') || 'none'})`);
  process.exit(2);
}
const run = (cmd, argv, env = {}) => spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
if (!args.includes('--no-build') && run('npm', ['run', 'build:all']) !== 0) process.exit(1);
const out = mkdtempSync(join(tmpdir(), 'lens-compat-build-'));
cpSync('.output', out, { recursive: true });
console.log(`test:compat: MLflow ${versions.join(', ')} (build copied to ${out})`);
const status = run('npx', ['playwright', 'test', ...rest], { LENS_MLFLOW_VERSIONS: versions.join(','), LENS_OUTPUT_DIR: out });
rmSync(out, { recursive: true, force: true });
process.exit(status);
