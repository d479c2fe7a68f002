/**
 * What Lens writes on a version it registers: a description with the run and its best validation values (and
 * their epoch, or step where the run does not say its epochs), and tags a search can use (`tags.\`lens.source_run_id\` = '…'`).
 */
import { formatAt } from '../analysis/epochs';
import type { RunJudgement } from '../analysis/verdict';
import type { Run } from '../mlflow/schemas';

export const TAG_SOURCE_RUN_ID = 'lens.source_run_id';
export const TAG_SOURCE_RUN_NAME = 'lens.source_run_name';
export const TAG_BEST_PREFIX = 'lens.best.';
/** MLflow's limits on registry tag keys (250) and values (5,000 on 2.x). */
const MAX_TAG_KEY = 250;
const MAX_TAG_VALUE = 5_000;

export interface RegistrationDetails {
  description: string;
  tags: { key: string; value: string }[];
}

export function registrationDetails(run: Run, judgement?: RunJudgement | null): RegistrationDetails {
  const runId = run.info.run_id;
  const runName = run.info.run_name ?? '';
  const tags: { key: string; value: string }[] = [{ key: TAG_SOURCE_RUN_ID, value: runId }];
  if (runName) tags.push({ key: TAG_SOURCE_RUN_NAME, value: runName.slice(0, MAX_TAG_VALUE) });

  const bests: string[] = [];
  const seen = new Set<string>();
  for (const pair of judgement?.pairs ?? []) {
    const key = pair.pair.validation;
    const { value, step } = pair.best;
    if (seen.has(key) || value === null || !Number.isFinite(value)) continue;
    seen.add(key);
    bests.push(`best ${key} ${formatValue(value)}${step === null ? '' : ` at ${formatAt(pair.axis, step)}`}`);
    const tagKey = `${TAG_BEST_PREFIX}${key}`;
    // Rounded as the description says it: a tag is read by people in MLflow's UI, not fed back into training.
    if (tagKey.length <= MAX_TAG_KEY) tags.push({ key: tagKey, value: step === null ? formatValue(value) : `${formatValue(value)}@${step}` });
  }

  let description = `Registered by Lens from run ${runName ? `${runName} (${runId})` : runId}.`;
  if (bests.length) description += ` ${capitalise(bests.join('; '))}.`;
  return { description, tags };
}

/** Four significant digits, without trailing zeros: 0.316412 → 0.3164, 0.79 → 0.79, 1234.5 → 1235. */
export function formatValue(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
