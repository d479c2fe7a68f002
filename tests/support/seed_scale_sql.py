"""Seeds a large MLflow for benchmarks in about a second: N experiments and M finished runs, written straight
into the SQLite backend store of a running (or stopped) `mlflow server`, in one transaction.

Usage: python seed_scale_sql.py <path/to/mlflow.db> <experiments> <runs>
Prints one JSON line at the end: counts, seconds, and the pinned run the benchmark looks up by name.

The DB must already be created and migrated by the MLflow version that serves it: start `mlflow server` on it
(both versions create and migrate it before /health answers). `mlflow db upgrade` on an empty file works on
3.17.2 but fails on 2.22.5 ("no such table: metrics"): 2.x creates fresh DBs with create_all + stamp, never
by replaying its migrations.
Writing while the server runs is fine: the store keeps no cache, the next request sees the rows.

What the rows look like is what MLflow 2.22.5 and 3.17.2 themselves write for `create_experiment` and
`create_run(run_name=...)` + `set_terminated(FINISHED)` (checked against both servers):
- `experiments`: artifact_location `mlflow-artifacts:/<id>` (proxied artifacts), lifecycle_stage `active`.
  3.x adds `workspace` (default 'default', unique with name); it is left to its default here, so the same
  INSERT works on 2.x. Creating runs does not touch the experiment's last_update_time.
- `runs`: the name lives twice, in `runs.name` (returned as info.run_name) and in the `mlflow.runName` tag,
  which is what `attributes.run_name ILIKE ...` actually searches (a join on `tags`), so both are written.
  artifact_uri `mlflow-artifacts:/<exp>/<run>/artifacts`, source_type UNKNOWN, empty source fields.
- Plus what a typical fluent-API run carries: `mlflow.user` / `mlflow.source.*` tags, three params, two metrics
  (one point each, in `metrics` and `latest_metrics`), so runs/search responses have a realistic size.
"""
import json
import random
import sqlite3
import sys
import time

ADJECTIVES = ["crawling", "bold", "calm", "eager", "shaky", "steady", "rapid", "quiet", "bright", "gentle", "silent", "brave"]
ANIMALS = ["mole", "heron", "otter", "lynx", "wren", "puffin", "gecko", "ibis", "fox", "owl", "newt", "yak"]
MODELS = ["xgboost", "lightgbm", "logreg", "mlp", "resnet18"]
USERS = ["ana", "bo", "chen", "dara", "eli"]
DAY_MS = 86_400_000


def insert_rows(con, experiments, runs, tags, params, metrics, latest_metrics):
    """Writes the rows in one transaction, as MLflow's SQL store lays them out (both lines; see the checks above)."""
    with con:
        con.executemany(
            "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            experiments,
        )
        con.executemany(
            "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time,"
            " end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            runs,
        )
        con.executemany("INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)", tags)
        con.executemany("INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)", params)
        con.executemany("INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)", metrics)
        con.executemany("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)", latest_metrics)


def pinned_run_name(n_runs):
    """The last run's name, known to the benchmark (`otter-<runs-1>` matches it and nothing else)."""
    return f"steady-otter-{n_runs - 1}"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    db_path, n_experiments, n_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if n_experiments < 1 or n_runs < 1:
        sys.exit("experiments and runs must be >= 1")
    t0 = time.time()
    rng = random.Random(7)
    now = int(time.time() * 1000)

    try:  # mode=rw: never create an empty file the server would then have to find
        con = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=60)
    except sqlite3.OperationalError as e:
        sys.exit(f"{db_path}: {e} (start `mlflow server` on it first)")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"experiments", "runs", "tags", "params", "metrics", "latest_metrics"} <= tables:
        sys.exit(f"{db_path}: not a migrated MLflow DB (start `mlflow server` on it first)")
    first_id = (con.execute("SELECT MAX(experiment_id) FROM experiments").fetchone()[0] or 0) + 1

    # Experiments: created over the last year, last updated some time after; ids in creation order.
    created = sorted(now - rng.randint(DAY_MS, 365 * DAY_MS) for _ in range(n_experiments))
    experiments = []
    for i, c in enumerate(created):
        eid = first_id + i
        updated = c + rng.randint(0, now - c - 60_000)
        experiments.append((eid, f"Scale/dataset_{i // 50}/task_{i:04d}", f"mlflow-artifacts:/{eid}", "active", c, updated))
    # The pinned run goes to the most recently updated experiment: quick search scans the 1,000 most recently
    # updated ones (the server's own Default experiment, updated at startup, makes 1,001).
    newest = max(range(n_experiments), key=lambda i: experiments[i][5])

    runs, tags, params, metrics = [], [], [], []
    for i in range(n_runs):
        e = newest if i == n_runs - 1 else i % n_experiments
        eid, created_at = experiments[e][0], experiments[e][4]
        run_id = f"{rng.getrandbits(128):032x}"
        name = pinned_run_name(n_runs) if i == n_runs - 1 else f"{rng.choice(ADJECTIVES)}-{rng.choice(ANIMALS)}-{i}"
        start = rng.randint(created_at, now - 60_000)
        end = min(now, start + rng.randint(60_000, 3 * 3_600_000))
        user = rng.choice(USERS)
        runs.append((run_id, name, "UNKNOWN", "", "", user, "FINISHED", start, end, "", "active",
                     f"mlflow-artifacts:/{eid}/{run_id}/artifacts", eid))
        tags += [
            ("mlflow.runName", name, run_id),
            ("mlflow.user", user, run_id),
            ("mlflow.source.name", "train.py", run_id),
            ("mlflow.source.type", "LOCAL", run_id),
        ]
        params += [
            ("learning_rate", str(rng.choice([0.3, 0.1, 0.03, 0.01, 0.001])), run_id),
            ("batch_size", str(rng.choice([32, 64, 128, 256])), run_id),
            ("model", rng.choice(MODELS), run_id),
        ]
        loss = round(rng.uniform(0.05, 0.9), 4)
        metrics += [("val_loss", loss, end, 0, 0, run_id), ("val_accuracy", round(1 - loss / 2, 4), end, 0, 0, run_id)]

    insert_rows(con, experiments, runs, tags, params, metrics, metrics)
    con.close()

    last = runs[-1]
    print(json.dumps({
        "experiments": n_experiments,
        "runs": n_runs,
        "seconds": round(time.time() - t0, 2),
        "pinned_run": {"name": last[1], "run_id": last[0], "experiment_id": str(last[12])},
    }), flush=True)


if __name__ == "__main__":
    main()
