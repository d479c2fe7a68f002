// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import compareDrawer from '@/entrypoints/mlflow.content/features/compare-drawer';
import oneClickRegister from '@/entrypoints/mlflow.content/features/one-click-register';
import overfitBadge from '@/entrypoints/mlflow.content/features/overfit-badge';
import quickSearch from '@/entrypoints/mlflow.content/features/quick-search';
import supportNotice from '@/entrypoints/mlflow.content/features/support-notice';
import { FeatureRunner, type Feature } from '@/lib/features';
import { BASE, pageSeed, pageServer } from './page-server';

// One run page of a real MLflow: its header as MLflow drew it (tests/unit/fixtures/dom/<version>/run-header.html),
// its API answers as the server gave them (page-*.json), Lens's features started by the runner as on the page.
const DOM = join(__dirname, '..', 'fixtures', 'dom');
/** Each test's Lens, stopped after it (as when the extension is reloaded): no feature outlives its test. */
const lifetimes: AbortController[] = [];

function openRunPage(version: string, features: Feature[]) {
  const seed = pageSeed(version);
  const runId = seed.runs[seed.model_run_2x]!.run_id;
  const url = `${BASE}#/experiments/${seed.experiments.churn.id}/runs/${runId}`;
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.body.className = '';
  document.body.innerHTML = readFileSync(join(DOM, version, 'run-header.html'), 'utf8');
  const server = pageServer(version);
  const log = vi.fn();
  const life = new AbortController();
  lifetimes.push(life);
  const runner = new FeatureRunner(features, { isEnabled: () => true, client: () => server.client, log }, life.signal);
  runner.navigate(url);
  return { runId, server, log, runner, leave: () => runner.navigate(`${BASE}#/experiments/${seed.experiments.churn.id}`) };
}

const host = (tag: string) => document.querySelector<HTMLElement>(tag);

/**
 * What the browser does for lib/dom/observe.ts and happy-dom does not: each observer's no-op animation starts on the
 * elements its rule matches (its `@keyframes lens-seen-…` and `:where(selector):not(seen)` in a style of the page).
 */
function runObserverAnimations() {
  for (const style of document.querySelectorAll('style')) {
    const rule = /@keyframes (lens-seen-[\w-]+) \{\} (.*) \{ animation/.exec(style.textContent ?? '');
    if (!rule) continue;
    for (const el of document.querySelectorAll(rule[2]!)) {
      const event = new Event('animationstart', { bubbles: true });
      Object.defineProperty(event, 'animationName', { value: rule[1] });
      el.dispatchEvent(event);
    }
  }
}

beforeEach(() => {
  fakeBrowser.reset();
  sessionStorage.clear();
});
afterEach(() => {
  for (const life of lifetimes.splice(0)) life.abort();
  document.body.innerHTML = '';
});

describe.each(['3.17.2', '2.22.5'])('a run page of MLflow %s', (version) => {
  it('the badge and one-click register share one verdict: the register menu asks MLflow nothing more for its notes', async () => {
    const page = openRunPage(version, [overfitBadge, oneClickRegister]);
    await vi.waitFor(() => expect(host('lens-overfit-badge')?.dataset.verdict).toMatch(/^(overfitting|watch|healthy|diverging)$/));
    const register = host('lens-register')!;
    await vi.waitFor(() => expect(register.shadowRoot!.querySelector('.reg-main')?.textContent).toMatch(/^Register as /));
    const asked = page.server.asked.length;
    // One history request per metric the verdict needs, for both features.
    const histories = page.server.asked.filter((a) => a.path.endsWith('metrics/get-history')).map((a) => a.query.get('metric_key'));
    expect(histories.length).toBeGreaterThan(0);
    expect(new Set(histories).size).toBe(histories.length);

    register.shadowRoot!.querySelector<HTMLButtonElement>('.reg-chevron')!.click();
    // The menu's notes are the badge's verdict of this run: its best validation value among Lens's tags.
    await vi.waitFor(() => expect(register.shadowRoot!.textContent).toContain('lens.best.val_loss'));
    const more = page.server.asked.slice(asked).map((a) => a.path);
    expect(more.filter((p) => p.endsWith('runs/get') || p.includes('metrics/get-history'))).toEqual([]);
    expect(page.server.unmatched).toEqual([]);
    expect(page.log).not.toHaveBeenCalled();
  });

  it("each feature's view: a host naming its feature, MLflow's theme followed live, gone with the page", async () => {
    const page = openRunPage(version, [overfitBadge, oneClickRegister, compareDrawer, supportNotice]);
    const tags = {
      'lens-overfit-badge': 'overfit-badge',
      'lens-register': 'one-click-register',
      'lens-pin-run': 'compare-drawer',
      'lens-compare': 'compare-drawer',
      'lens-notice': 'support-notice',
    };
    await vi.waitFor(() => expect(Object.keys(tags).filter((tag) => !host(tag))).toEqual([]));
    for (const [tag, feature] of Object.entries(tags)) expect(host(tag)!.dataset.lensFeature).toBe(feature);
    expect(Object.keys(tags).filter((tag) => host(tag)!.classList.contains('dark'))).toEqual([]);
    // MLflow's theme switch flips <body class="dark-mode"> without a reload.
    document.body.classList.add('dark-mode');
    await vi.waitFor(() => expect(Object.keys(tags).filter((tag) => !host(tag)!.classList.contains('dark'))).toEqual([]));
    document.body.classList.remove('dark-mode');
    await vi.waitFor(() => expect(Object.keys(tags).filter((tag) => host(tag)!.classList.contains('dark'))).toEqual([]));
    // Register and pin share Lens's header group, in their fixed order.
    expect([...document.querySelector('lens-run-actions')!.children].map((el) => el.localName)).toEqual(['lens-register', 'lens-pin-run']);

    const views = Object.keys(tags).map((tag) => host(tag)!);
    page.leave();
    expect(views.filter((view) => view.isConnected).map((view) => view.localName)).toEqual([]);
    await vi.waitFor(() => expect(document.querySelector('lens-run-actions')).toBeNull());
  });

  it('MLflow re-renders its header: the views beside the old one are released, one of each stays beside the new one', async () => {
    openRunPage(version, [overfitBadge, oneClickRegister, compareDrawer]);
    const tags = ['lens-overfit-badge', 'lens-register', 'lens-pin-run'];
    await vi.waitFor(() => expect(tags.filter((tag) => !host(tag))).toEqual([]));
    const old = tags.map((tag) => host(tag)!);
    const header = document.body.firstElementChild!;
    const redrawn = header.cloneNode(true) as Element;
    for (const lens of redrawn.querySelectorAll('lens-overfit-badge, lens-run-actions')) lens.remove();
    for (const el of [redrawn, ...redrawn.querySelectorAll('[data-lens-seen]')]) el.removeAttribute('data-lens-seen');
    header.replaceWith(redrawn);
    runObserverAnimations();
    await vi.waitFor(() => expect(tags.map((tag) => document.querySelectorAll(tag).length)).toEqual([1, 1, 1]));
    expect(tags.map((tag) => redrawn.contains(host(tag)))).toEqual([true, true, true]);
    // Released, not only detached: their views are unrendered.
    expect(old.map((view) => view.shadowRoot!.querySelector('.lens-root')!.childElementCount)).toEqual([0, 0, 0]);
  });

  it('quick search: Ctrl+K opens the palette in its own host, which goes when it is closed', async () => {
    openRunPage(version, [quickSearch]);
    await new Promise((r) => setTimeout(r, 0));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    // No background answers in this test: the palette says why it has no search, and offers to close.
    await vi.waitFor(() => expect(host('lens-quick-search')?.shadowRoot?.querySelector('[role="alert"]')?.textContent).toMatch(/Lens could not load its charts/));
    expect(host('lens-quick-search')!.dataset.lensFeature).toBe('quick-search');
    host('lens-quick-search')!.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    expect(host('lens-quick-search')).toBeNull();
    // Closed, it opens again.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(host('lens-quick-search')).not.toBeNull());
  });
});

