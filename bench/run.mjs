#!/usr/bin/env node
/**
 * `npm run bench`: every Lens benchmark in one run, printed as one table and written to
 * bench/results/<date>.json, with the machine it ran on.
 *
 *   npm run bench                                   all sections
 *   npm run bench -- --only analysis,page           some sections (analysis, search, page)
 *   npm run bench -- --repeats 3                    browser runs per page figure (medians are reported)
 *   npm run bench -- --compare bench/results/X.json flag figures more than 20 % worse than X (exit code 1)
 *
 * Sections: analysis (lib/analysis and the compare drawer's chart preparation, Vitest bench in Node),
 * search (quick search on 1,000 experiments × 20,000 runs against a real MLflow), page (the built extension
 * in Chromium on a real MLflow: badge and drawer against MLflow's own charts, cost to the page, requests).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECTIONS = ['analysis', 'search', 'page'];

/** @typedef {{ id: string, label: string, value: number, unit: string, better: 'lower' | 'higher', samples?: number[], section?: string }} Figure */

export function parseArgs(argv) {
  const args = { only: SECTIONS, repeats: 5, compare: null, threshold: 0.2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--only') args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--repeats') args.repeats = Math.max(1, Number(value()) || 5);
    else if (a === '--compare') args.compare = value();
    else if (a === '--threshold') args.threshold = Number(value());
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a} (see bench/run.mjs)`);
  }
  for (const s of args.only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(', ')}`);
  return args;
}

/** Figures from `vitest bench --outputJson`: the median time per call of each benchmark. */
export function figuresFromVitest(report, section) {
  /** @type {Figure[]} */
  const out = [];
  for (const file of report.files ?? []) {
    for (const group of file.groups ?? []) {
      for (const b of group.benchmarks ?? []) {
        out.push({ id: slug(`${group.fullName.split(' > ').pop()} ${b.name}`), label: b.name, value: b.median ?? b.mean, unit: 'ms', better: 'lower', section });
      }
    }
  }
  return out;
}

/** Figures from bench/search.bench.ts's JSON: median and 95th percentile, cold (first keystroke) and warm. */
export function figuresFromSearch(result, section) {
  const scale = `${result.data?.experiments ?? '?'} experiments × ${result.data?.runs ?? '?'} runs`;
  /** @type {Figure[]} */
  const out = [];
  for (const mode of ['cold', 'warm']) {
    const all = result.all?.[mode];
    if (!all) continue;
    out.push({ id: `search-${mode}-median-ms`, label: `quick search, ${mode}, median (${scale}; goal < 300 ms)`, value: all.median_ms, unit: 'ms', better: 'lower', section });
    out.push({ id: `search-${mode}-p95-ms`, label: `quick search, ${mode}, 95th percentile (${scale})`, value: all.p95_ms, unit: 'ms', better: 'lower', section });
  }
  return out;
}

/** Figures worse than `previous` by more than `threshold` (0.2 = 20 %), and the change of every shared figure. */
export function compareFigures(current, previous, threshold = 0.2) {
  const before = new Map(previous.map((f) => [f.id, f]));
  return current.flatMap((f) => {
    const old = before.get(f.id);
    if (!old || !Number.isFinite(old.value) || !Number.isFinite(f.value) || old.value === 0) return [];
    // Worse = more time (better: lower) or less throughput (better: higher), as a fraction of the old figure.
    const worseBy = f.better === 'higher' ? old.value / f.value - 1 : f.value / old.value - 1;
    return [{ id: f.id, label: f.label, before: old.value, after: f.value, unit: f.unit, worseBy, flagged: worseBy > threshold }];
  });
}

function slug(text) {
  return text.toLowerCase().replace(/[×x]/g, 'x').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function machine() {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, os: `${platform()} ${release()}` };
}

function runVitestBench(files, env = {}) {
  const out = join(tmpdir(), `lens-bench-${process.pid}-${Date.now()}.json`);
  const result = spawnSync('npx', ['vitest', 'bench', '--run', '-c', 'vitest.bench.config.ts', ...files, '--outputJson', out], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`vitest bench ${files.join(' ')} failed (exit ${result.status})`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return report;
}

async function runSection(section, args) {
  if (section === 'analysis') return figuresFromVitest(runVitestBench(['bench/analysis.bench.ts', 'bench/compare.bench.ts']), section);
  if (section === 'search') {
    // bench/search.bench.ts seeds 1,000 experiments × 20,000 runs into a real MLflow and writes its own JSON.
    const since = Date.now();
    runVitestBench(['bench/search.bench.ts'], { LENS_BENCH_SEARCH: '1' });
    const dir = join(root, 'bench/results');
    const written = readdirSync(dir)
      .filter((f) => /^search-.*\.json$/.test(f))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .filter(({ t }) => t >= since)
      .sort((a, b) => b.t - a.t)[0];
    if (!written) throw new Error('bench/search.bench.ts wrote no bench/results/search-*.json');
    return figuresFromSearch(JSON.parse(readFileSync(join(dir, written.f), 'utf8')), section);
  }
  // page: the built extension in Chromium, so build it first (2 s; the figures must be of this tree).
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const { runPageBenchmarks } = await import(pathToFileURL(join(root, 'bench/page-bench.mjs')).href);
  return (await runPageBenchmarks({ repeats: args.repeats, log: (m) => process.stderr.write(`${m}\n`) })).map((f) => ({ ...f, section }));
}

function formatValue(value, unit) {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function printTable(figures, comparison) {
  const byId = new Map((comparison ?? []).map((c) => [c.id, c]));
  const rows = figures.map((f) => {
    const c = byId.get(f.id);
    const change = c ? `${c.worseBy > 0 ? '+' : ''}${(c.worseBy * 100).toFixed(0)} % ${c.flagged ? '⚠ WORSE' : ''}`.trim() : '';
    return [f.section ?? '', f.label, formatValue(f.value, f.unit), c ? formatValue(c.before, c.unit) : '', change];
  });
  const header = comparison ? ['section', 'figure', 'now', 'before', 'worse by'] : ['section', 'figure', 'value'];
  const table = [header, ...rows.map((r) => r.slice(0, header.length))];
  const widths = header.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => (i >= 2 ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of table.slice(1)) console.log(line(r));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 13).join('\n'));
    return 0;
  }
  const previous = args.compare ? JSON.parse(readFileSync(resolve(args.compare), 'utf8')) : null;
  const started = Date.now();
  /** @type {Figure[]} */
  const figures = [];
  const failures = [];
  for (const section of args.only) {
    process.stderr.write(`\n== bench: ${section} ==\n`);
    try {
      figures.push(...(await runSection(section, args)));
    } catch (error) {
      failures.push(`${section}: ${error instanceof Error ? error.message : String(error)}`);
      process.stderr.write(`bench ${section} failed: ${error instanceof Error ? error.stack : error}\n`);
    }
  }
  const comparison = previous ? compareFigures(figures, previous.figures ?? [], args.threshold) : null;
  const result = { date: new Date().toISOString(), minutes: +((Date.now() - started) / 60_000).toFixed(1), machine: machine(), sections: args.only, figures, failures };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${result.date.slice(0, 16).replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  printTable(figures, comparison);
  const m = result.machine;
  console.log(`\n${figures.length} figures in ${result.minutes} min on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node} → ${file.slice(root.length + 1)}`);
  if (failures.length) console.log(`Failed sections:\n  ${failures.join('\n  ')}`);
  const worse = (comparison ?? []).filter((c) => c.flagged);
  if (comparison) console.log(worse.length ? `${worse.length} figure(s) more than ${args.threshold * 100} % worse than ${args.compare}.` : `No figure more than ${args.threshold * 100} % worse than ${args.compare}.`);
  return failures.length || worse.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code), (error) => {
    console.error(error);
    process.exit(2);
  });
}
