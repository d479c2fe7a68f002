/**
 * The feature registry. A feature says on which pages it runs and how it starts; the runner starts it
 * when the page matches, aborts it on navigation (hash routes included), and contains its failures:
 * an error is logged once, with the feature's id, and never reaches the page or another feature.
 */
import type { FeatureId } from './features-catalog';
import type { MlflowClient } from './mlflow/client';
import { parseRoute, type Route } from './mlflow/routes';
import { pageVerdicts, type PageVerdicts } from './run-verdicts';

export interface FeatureContext {
  route: Route;
  url: URL;
  /** Aborted when the user leaves the page or the extension is reloaded. */
  signal: AbortSignal;
  /** This MLflow's API, called from the page with the user's session; shared by all features of the tab. */
  client: MlflowClient;
  /** Run verdicts, shared by the features of this page: one run page makes one set of history requests. */
  verdicts: PageVerdicts;
  /** Wraps a callback (event listener, timer…) so its errors are contained like init's. */
  guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void;
}

export interface Feature {
  id: FeatureId;
  /** The feature runs where any of these match. */
  include: ((route: Route) => boolean)[];
  exclude?: ((route: Route) => boolean)[];
  init(context: FeatureContext): void | Promise<void>;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

export interface RunnerOptions {
  isEnabled: (id: FeatureId) => boolean;
  /** Made on first use, so a page whose features need no data sends no request and builds no client. */
  client: () => MlflowClient;
  log?: (message: string, error: unknown) => void;
}

export class FeatureRunner {
  private running = new Map<FeatureId, AbortController>();
  /** The page's: aborted on navigation, like each feature's, and ending what its features share. */
  private page = new AbortController();
  private readonly logged = new Set<string>();
  private lastHref = '';

  constructor(
    private readonly features: readonly Feature[],
    private readonly options: RunnerOptions,
    private readonly lifetime: AbortSignal,
  ) {
    lifetime.addEventListener('abort', () => this.stopAll(), { once: true });
  }

  /** Call on every navigation; a repeated URL is ignored. Returns the route it detected. */
  navigate(href: string): Route {
    const route = parseRoute(href);
    if (href === this.lastHref || this.lifetime.aborted) return route;
    this.lastHref = href;
    this.stopAll();
    this.page = new AbortController();
    const verdicts = pageVerdicts(() => this.options.client(), this.page.signal);
    for (const feature of this.features) {
      if (!this.options.isEnabled(feature.id) || !matches(feature, route)) continue;
      this.start(feature, route, new URL(href), verdicts);
    }
    return route;
  }

  /** Re-evaluates the current page, e.g. after a switch changed in the options. */
  refresh(): void {
    const href = this.lastHref;
    this.lastHref = '';
    if (href) this.navigate(href);
  }

  get runningIds(): FeatureId[] {
    return [...this.running.keys()];
  }

  private start(feature: Feature, route: Route, url: URL, verdicts: PageVerdicts): void {
    const controller = new AbortController();
    this.running.set(feature.id, controller);
    const fail = (error: unknown) => this.report(feature.id, error, controller.signal);
    const guard = <A extends unknown[]>(fn: (...args: A) => unknown) => (...args: A) => {
      if (controller.signal.aborted) return;
      try {
        const result = fn(...args);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    };
    try {
      const options = this.options;
      const result = feature.init({
        route,
        url,
        signal: controller.signal,
        verdicts,
        guard,
        get client() {
          return options.client();
        },
      });
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  private report(id: FeatureId, error: unknown, signal: AbortSignal): void {
    // Aborting a feature makes its pending work reject; that is the plan, not a failure.
    if (signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    const key = `${id}\u0000${message}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    (this.options.log ?? defaultLog)(`Lens for MLflow: feature "${id}" failed: ${message}`, error);
  }

  private stopAll(): void {
    this.page.abort();
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }
}

function matches(feature: Feature, route: Route): boolean {
  return feature.include.some((p) => p(route)) && !(feature.exclude ?? []).some((p) => p(route));
}

function defaultLog(message: string, error: unknown): void {
  console.warn(message, error);
}
