import { VERDICT_META, type Verdict } from '@/components/overfit/verdicts';

export interface FollowedRow {
  key: string;
  runName: string;
  /** The MLflow it is on, as people say it (`localhost:5000`). */
  where: string;
  verdict?: string;
  /** Turned overfitting or diverging since the user last looked. */
  attention: boolean;
}

export interface FollowedRunsProps {
  runs: readonly FollowedRow[];
  onOpen(key: string): void;
  onUnfollow(key: string): void;
}

/** The runs Lens follows (the badge's "Follow this run" switch), their last verdict, a way to each and to stop. */
export function FollowedRuns({ runs, onOpen, onUnfollow }: FollowedRunsProps) {
  if (!runs.length) return null;
  return (
    <section class="followed-runs" aria-labelledby="followed-title">
      <h2 id="followed-title" class="group-title">
        Followed runs
      </h2>
      <ul>
        {runs.map((run) => {
          const meta = run.verdict && run.verdict in VERDICT_META ? VERDICT_META[run.verdict as Verdict] : undefined;
          return (
            <li key={run.key} data-attention={run.attention ? 'true' : undefined}>
              <button type="button" class="followed-open" onClick={() => onOpen(run.key)}>
                <span class="name">{run.runName}</span>
                <span class="meta">
                  {meta ? `${meta.icon} ${meta.label}` : 'Not checked yet'}
                  {run.attention && ' · new'} · {run.where}
                </span>
              </button>
              <button type="button" class="link" aria-label={`Stop following ${run.runName}`} onClick={() => onUnfollow(run.key)}>
                Stop
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
