import { signal as createSignal } from '@preact/signals';
import { RegisterButton, type RegisterChoices, type RegisterView } from '@/components/register/RegisterButton';
import { RegisteredNote } from '@/components/register/RegisteredNote';
import { Toast } from '@/components/register/Toast';
import css from '@/components/register/register.css?inline';
import { mountView, type MountedView } from '@/components/shadow-mount';
import { observe } from '@/lib/dom/observe';
import { withPageLock } from '@/lib/dom/page-lock';
import { defineFeature } from '@/lib/features';
import { placeInRunHeader } from '@/lib/mlflow/run-header-slot';
import { selectors } from '@/lib/mlflow/anchors';
import { isMlflowError } from '@/lib/mlflow/errors';
import { cellListsVersion, overviewHeadingSelector, registeredModelsCell, registeredModelsPlaceholder } from '@/lib/mlflow/run-overview';
import type { ModelVersion, Run } from '@/lib/mlflow/schemas';
import {
  defaultChangeNotice,
  findExistingVersion,
  loadDefaultTarget,
  loadRunModels,
  loadServerVersion,
  registerRunModel,
  registrationDetails,
  registrationLockName,
  RegistrationError,
  runModelKey,
  validateAlias,
  validateModelName,
  type RegisterStage,
  type RunModel,
  type ServerVersion,
} from '@/lib/register';
import { nameContains, versionsOfRun } from '@/lib/mlflow/filters';
import { readAnalysisSettings, registerLensTags } from '@/lib/settings';
import { isRunPage, modelVersionHash, pageBase } from '@/lib/mlflow/routes';

/**
 * "Register as Churn · v4" in the run header: the run's model (logged the 2.x or the 3.x way) into the
 * registry in one click, from this page, with the user's own session. Never registers it twice.
 */
export default defineFeature({
  id: 'one-click-register',
  include: [isRunPage],
  async init({ route, signal, client, verdicts, guard }) {
    if (route.kind !== 'run') return;
    const runId = route.runId;
    const view = createSignal<RegisterView>({ status: 'loading' });
    const toast = createSignal<{ text: string; href: string } | null>(null);
    let run: Run | undefined;
    let models: RunModel[] = [];
    let serverVersion: ServerVersion | null = null;
    let target: { name: string; exists: boolean; nextVersion?: number } | undefined;
    const writeTags = createSignal(await registerLensTags.getValue());
    const unwatchTags = registerLensTags.watch((on) => (writeTags.value = on));
    signal.addEventListener('abort', unwatchTags);

    const versionHref = (v: ModelVersion) => modelVersionHash(v.name, v.version);
    const existingFor = async (model: RunModel) => {
      const versions = await client.searchModelVersions({ filter: versionsOfRun(runId), maxResults: 1_000 }, { signal });
      const found = run ? findExistingVersion(versions.items, model, run) : undefined;
      return found ? { name: found.name, version: found.version, href: versionHref(found) } : undefined;
    };

    const load = async () => {
      view.value = { status: 'loading' };
      try {
        run = await client.getRun(runId, { signal });
        serverVersion = await loadServerVersion(client, signal);
        let failedUploads: string[] = [];
        models = await loadRunModels(client, run, signal, { serverVersion, onFailedUploads: (names) => (failedUploads = names) });
        if (!models.length) {
          view.value = { status: 'no-model', failedUploads };
          return;
        }
        const experiment = await client.getExperiment(run.info.experiment_id, { signal });
        target = await loadDefaultTarget(client, experiment, signal);
        const model = models[0]!;
        view.value = {
          status: 'ready',
          models: models.map((m) => ({ key: runModelKey(m), label: m.label })),
          modelKey: runModelKey(model),
          target,
          existing: await existingFor(model),
          writeTags: writeTags.value,
        };
      } catch (error) {
        if (!signal.aborted) view.value = { status: 'error', message: messageOf(error) };
      }
    };

    const chooseModel = async (key: string) => {
      const v = view.value;
      const model = models.find((m) => runModelKey(m) === key);
      if (v.status !== 'ready' || !model) return;
      view.value = { ...v, modelKey: key, existing: await existingFor(model).catch(() => undefined) };
    };

    // Clicks while a registration runs join it (a double click is one registration).
    let inFlight: Promise<void> | undefined;
    const register = (choices: RegisterChoices) => {
      inFlight ??= doRegister(choices).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    };
    const doRegister = async (choices: RegisterChoices) => {
      const v = view.value;
      const model = models.find((m) => runModelKey(m) === choices.modelKey);
      if (v.status !== 'ready' || !run || !model || !target) return;
      const isDefault = choices.name === target.name;
      const changesDefault = defaultChangeNotice(target, choices.name);
      // The menu's tags choice is remembered: one-click registers follow it.
      if (choices.writeTags !== writeTags.value) await registerLensTags.setValue(choices.writeTags);
      const details = registrationDetails(run, await verdictOf());
      view.value = { ...v, busy: 'Registering…', failure: undefined };
      const request = {
        run,
        model,
        target: isDefault ? target : { name: choices.name, exists: false },
        alias: choices.alias || undefined,
        description: choices.description || details.description,
        tags: choices.writeTags ? details.tags : [],
        serverVersion,
        runLink: location.href,
      };
      const onProgress = (stage: RegisterStage) => {
        const current = view.value;
        if (current.status === 'ready') view.value = { ...current, busy: STAGE_TEXT[stage] };
      };
      try {
        // Other tabs of this MLflow wait here: one registration of a run at a time, across tabs.
        const result = await withPageLock(registrationLockName(pageBase(location.href), runId), () =>
          registerRunModel(client, request, { signal, onProgress }),
        );
        const existing = { name: result.version.name, version: result.version.version, href: versionHref(result.version) };
        view.value = { ...v, busy: undefined, existing, writeTags: choices.writeTags };
        if (changesDefault) target = { name: existing.name, exists: true, nextVersion: Number(existing.version) + 1 };
        toast.value = {
          text:
            result.outcome === 'existing'
              ? `Already registered as ${existing.name} v${existing.version}.`
              : `Registered as ${existing.name} v${existing.version}${result.aliasSet ? ` (alias ${choices.alias})` : ''}.` +
                (changesDefault ? ` One-click register now targets ${existing.name} for this experiment's runs.` : ''),
          href: existing.href,
        };
        showInOverview(existing);
      } catch (error) {
        if (signal.aborted) return;
        view.value = { ...v, busy: undefined, failure: messageOf(error) };
      }
    };

    // The badge's verdict of this run, when it has one (one set of history requests per page); a run without one
    // is registered without its notes.
    const verdictOf = async () => {
      const settings = await readAnalysisSettings();
      return verdicts.get(runId, settings, signal).then((r) => r.judgement, () => null);
    };

    // The quick-search escaping: MLflow's filters have no LIKE escape, so the text goes as a safe pattern
    // and the server's answer is narrowed to literal matches here.
    const searchModels = async (query: string) => {
      const byName = nameContains(query.trim());
      const page = await client.searchRegisteredModels({ filter: byName?.filter, maxResults: 50 }, { signal });
      return page.items.map((m) => m.name).filter((name) => !byName || byName.like.matches(name));
    };
    const suggestNotes = async () => {
      if (!run) return { description: '', tags: [] };
      return registrationDetails(run, await verdictOf());
    };

    // MLflow's Overview reads the run's registered versions once per page load: until a reload its entry says
    // "None". Lens puts the version it just registered there (and steps aside once MLflow lists it itself).
    let overviewWatched = false;
    const registered = createSignal<{ name: string; version: string; href: string } | null>(null);
    const showInOverview = (version: { name: string; version: string; href: string }) => {
      registered.value = version;
      if (overviewWatched) return;
      overviewWatched = true;
      observe(overviewHeadingSelector, guard((heading: HTMLElement) => {
        const cell = registeredModelsCell(heading);
        if (!cell) return;
        const placeholder = registeredModelsPlaceholder(cell);
        const note = mountView((h) => cell.append(h), <Note />, { tag: 'lens-registered-note', feature: 'one-click-register', css, signal });
        const update = () => {
          const r = registered.value;
          const listed = !r || cellListsVersion(cell, r.href);
          if (placeholder) placeholder.style.display = listed ? '' : 'none';
          if (listed) note.release();
        };
        const watcher = new MutationObserver(update);
        watcher.observe(cell, { childList: true, subtree: true });
        note.signal.addEventListener('abort', () => watcher.disconnect());
        signal.addEventListener('abort', () => {
          watcher.disconnect();
          if (placeholder) placeholder.style.display = '';
        });
        update();
      }), { signal });
    };
    const Note = () => (registered.value ? <RegisteredNote {...registered.value} /> : null);

    const Button = () => (
      <>
        <RegisterButton
          view={view.value.status === 'ready' ? { ...view.value, writeTags: writeTags.value } : view.value}
          searchModels={searchModels}
          validateName={(name, existing) => validateModelName(name, { existing })}
          validateAlias={validateAlias}
          defaultChangeNotice={(name) => (target ? defaultChangeNotice(target, name) : null)}
          suggestNotes={suggestNotes}
          onRegister={(c) => void register(c)}
          onRetry={() => void load()}
          onChooseModel={(key) => void chooseModel(key)}
        />
        {toast.value && <Toast text={toast.value.text} link={{ href: toast.value.href, label: 'Open' }} onClose={() => (toast.value = null)} />}
      </>
    );

    let button: MountedView | undefined;
    // In Lens's header group before MLflow's ⋮ menu, right after MLflow's own "Register model"; again on every new
    // header (MLflow re-renders it on some tab switches).
    observe(selectors.runHeaderMenu, guard((menu: HTMLElement) => {
      button = mountView((h, mounted) => placeInRunHeader(menu, h, 'one-click-register', mounted), <Button />, {
        tag: 'lens-register',
        feature: 'one-click-register',
        css,
        signal,
        attributes: { 'data-run-id': runId },
        replaces: button,
      });
    }), { signal });
    await load();
  },
});

const STAGE_TEXT: Record<RegisterStage, string> = {
  'checking-existing': 'Checking…',
  'creating-model': 'Creating the model…',
  'creating-version': 'Registering…',
  waiting: 'Waiting for MLflow…',
  'setting-alias': 'Setting the alias…',
  done: 'Done',
};

function messageOf(error: unknown): string {
  // A partial registration (the model made, not its version) already says what was left.
  const partial = error instanceof RegistrationError && (error.partial.modelCreated || error.partial.version);
  if (isMlflowError(error, 'session-expired') && !partial) return `${error.message} Nothing was registered.`;
  return error instanceof Error ? error.message : String(error);
}
