/**
 * How a step reads to the user: as an epoch where the run says which epoch a step belongs to, else as a step.
 *
 * MLflow's step is whatever the logger passed. Lightning and the Transformers Trainer log the global step (a
 * batch count: "best at step 155" of a 40-epoch run) and also log an `epoch` metric whose value is the epoch at
 * that step; Keras' and PyTorch's autologging log one step per epoch; XGBoost and LightGBM one per boosting
 * round; a hand-written loop anything. Lens says "epoch" only when the run tells it so: through its `epoch`
 * metric (the epoch at a step is that metric's value at the latest step ≤ it), or because an autologging
 * flavour that logs once per epoch made the run. Otherwise it says "step".
 */
import { cleanColumns, lastAtOrBefore } from './series';
import type { SeriesLike } from './verdict';

export interface StepAxis {
  unit: 'epoch' | 'step';
  /** 'epoch-metric': mapped through the run's `epoch` metric; 'step-is-epoch': an autolog flavour's step; 'steps'. */
  source: 'epoch-metric' | 'step-is-epoch' | 'steps';
  /** For 'epoch-metric': the `epoch` history, ordered by step, one value per step. */
  steps?: Float64Array;
  epochs?: Float64Array;
}

export const STEP_AXIS: StepAxis = Object.freeze({ unit: 'step', source: 'steps' }) as StepAxis;

/** Autologging flavours (the `mlflow.autologging` tag) that log metrics once per epoch, with step = epoch. */
const STEP_IS_EPOCH_FLAVOURS = new Set(['keras', 'tensorflow', 'pytorch', 'fastai', 'paddle']);

/** The key of the run's epoch metric among `keys` (`epoch`, any case), or null. */
export function epochKey(keys: Iterable<string>): string | null {
  for (const k of keys) if (k.toLowerCase() === 'epoch') return k;
  return null;
}

/**
 * The run's step axis. `epochHistory` is its `epoch` metric's history when it logs one; `autologFlavour` the
 * run's `mlflow.autologging` tag.
 */
export function stepAxis(epochHistory: SeriesLike | null | undefined, autologFlavour?: string | null): StepAxis {
  if (epochHistory && epochHistory.values.length > 0) {
    const c = cleanColumns(epochHistory.steps, epochHistory.timestamps, epochHistory.values);
    // An epoch metric that never moves says nothing about steps (a single summary value).
    let moves = false;
    for (let i = 1; i < c.values.length && !moves; i++) moves = c.values[i] !== c.values[0];
    if (moves) return { unit: 'epoch', source: 'epoch-metric', steps: c.steps, epochs: c.values };
  }
  if (autologFlavour && STEP_IS_EPOCH_FLAVOURS.has(autologFlavour.toLowerCase())) return { unit: 'epoch', source: 'step-is-epoch' };
  return STEP_AXIS;
}

/** The position of `step` on the axis: its epoch, or the step itself. */
export function positionOf(axis: StepAxis, step: number): number {
  if (axis.source !== 'epoch-metric' || !axis.steps || !axis.epochs || axis.steps.length === 0) return step;
  const at = lastAtOrBefore(axis.steps, step);
  return axis.epochs[Math.max(0, at)]!;
}

/** "epoch 12", "epoch 2.5", "step 1550". */
export function formatAt(axis: StepAxis, step: number): string {
  return `${axis.unit} ${formatPosition(positionOf(axis, step))}`;
}

function formatPosition(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x);
  if (Math.abs(x - r) < 1e-6) return String(r);
  return String(Number(x.toFixed(2)));
}
