import { defineContentScript } from 'wxt/utils/define-content-script';
import { FeatureRunner } from '@/lib/features';
import { disabledFeatures } from '@/lib/settings';
import { isMlflowDocument } from '@/lib/mlflow/anchors';
import { BUILTIN_PATTERNS } from '@/lib/hosts/builtin';
import { FEATURES } from './features';
import { createPageClient } from './page-client';

const BOOTED = Symbol.for('lens-for-mlflow.booted');

export default defineContentScript({
  // Other MLflow hosts get this same script registered at run time by the background (see lib/hosts/registration.ts).
  matches: [...BUILTIN_PATTERNS],
  runAt: 'document_idle',
  async main(ctx) {
    // The manifest entry and a run-time registration can both inject into one page: boot once.
    const globals = globalThis as { [BOOTED]?: boolean };
    if (globals[BOOTED]) return;
    globals[BOOTED] = true;
    ctx.onInvalidated(() => {
      globals[BOOTED] = false;
    });

    // localhost serves many apps; Lens touches nothing and asks nothing of a page that is not MLflow.
    if (!isMlflowDocument(document)) return;

    let disabled = new Set(await disabledFeatures.getValue());
    let client: ReturnType<typeof createPageClient> | undefined;
    const runner = new FeatureRunner(
      FEATURES,
      { isEnabled: (id) => !disabled.has(id), client: () => (client ??= createPageClient()) },
      ctx.signal,
    );
    const unwatch = disabledFeatures.watch((value) => {
      disabled = new Set(value ?? []);
      runner.refresh();
    });
    ctx.onInvalidated(unwatch);

    runner.navigate(location.href);
    // MLflow's router navigates with pushState/replaceState (no hashchange). The context (Lens's own,
    // lib/dom/content-script-context.ts) reports those from the Navigation API's "navigate" event, which fires
    // before location.href changes: use its newUrl.
    // Only same-document routes count: a download link (blob:) or a link off this page also fires
    // "navigate", and for those the page stays as it is (or is replaced, and Lens starts again there).
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      const next = event.newUrl;
      if (next.origin === location.origin && next.pathname === location.pathname) runner.navigate(next.href);
    });
    ctx.addEventListener(window, 'hashchange', () => runner.navigate(location.href));
  },
});
