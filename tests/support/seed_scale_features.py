"""Seeds the scale cases of issue #7 into a running MLflow's SQLite store in seconds, for the scale e2e tests:
- an experiment with 2,000 finished runs, each with 30 epochs of train_loss / val_loss;
- a run with 200,000 steps of train_loss / val_loss (overfitting from step 120,000);
- a run with 500 metric keys (250 train/val pairs, 20 epochs each).

Usage: python seed_scale_features.py <path/to/mlflow.db>
Prints one JSON line: {experiment_id, long_run, wide_run, table_run_ids (first 5), seconds}.
Rows are what MLflow 2.22.5 and 3.17.2 write for the fluent API (see seed_scale_sql.py, whose checks apply);
the DB must have been created and migrated by the server that serves it.
"""
import json
import math
import random
import sqlite3
import sys
import time

from seed_scale_sql import insert_rows

ADJECTIVES = ["crawling", "bold", "calm", "eager", "shaky", "steady", "rapid", "quiet", "bright", "gentle"]
ANIMALS = ["mole", "heron", "otter", "lynx", "wren", "puffin", "gecko", "ibis", "fox", "owl"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    t0 = time.time()
    rng = random.Random(11)
    now = int(time.time() * 1000)
    con = sqlite3.connect(f"file:{sys.argv[1]}?mode=rw", uri=True, timeout=60)
    eid = (con.execute("SELECT MAX(experiment_id) FROM experiments").fetchone()[0] or 0) + 1
    runs, tags, params, metrics, latest = [], [], [], [], []

    def add_run(name, start, series):
        """series: {key: [(step, value)]}; timestamps one second a step from `start`."""
        run_id = f"{rng.getrandbits(128):032x}"
        end = start + 1000 * max((len(v) for v in series.values()), default=1) + 5000
        runs.append((run_id, name, "UNKNOWN", "", "", "lens", "FINISHED", start, end, "", "active",
                     f"mlflow-artifacts:/{eid}/{run_id}/artifacts", eid))
        tags.extend([("mlflow.runName", name, run_id), ("mlflow.user", "lens", run_id)])
        params.extend([("learning_rate", str(rng.choice([0.01, 0.003, 0.001])), run_id), ("batch_size", str(rng.choice([64, 128, 256])), run_id)])
        for key, points in series.items():
            for step, value in points:
                metrics.append((key, value, start + 1000 * step, step, 0, run_id))
            step, value = points[-1]
            latest.append((key, value, start + 1000 * step, step, 0, run_id))
        return run_id

    def curve(n, turn, noise):
        train = [(s, 0.1 + 0.9 * math.exp(-s / (n / 4)) + noise * rng.random()) for s in range(n)]
        val = [(s, 0.3 + 0.7 * math.exp(-s / (n / 4)) + (0.4 * (s - turn) / n if s > turn else 0) + noise * rng.random()) for s in range(n)]
        return train, val

    start0 = now - 30 * 86_400_000
    table_ids = []
    for i in range(2000):
        train, val = curve(30, rng.choice([12, 18, 40]), 0.02)
        table_ids.append(add_run(f"{rng.choice(ADJECTIVES)}-{rng.choice(ANIMALS)}-{i}", start0 + i * 600_000, {"train_loss": train, "val_loss": val}))
    train, val = curve(200_000, 120_000, 0.01)
    long_run = add_run("long-run-200k", now - 3 * 86_400_000, {"train_loss": train, "val_loss": val})
    wide = {}
    for p in range(250):
        train, val = curve(20, 12, 0.02)
        wide[f"train_loss_h{p:03d}"] = train
        wide[f"val_loss_h{p:03d}"] = val
    wide_run = add_run("wide-run-500-keys", now - 2 * 86_400_000, wide)

    experiment = (eid, "Scale/features", f"mlflow-artifacts:/{eid}", "active", start0, now)
    insert_rows(con, [experiment], runs, tags, params, metrics, latest)
    con.close()
    print(json.dumps({
        "experiment_id": str(eid),
        "long_run": long_run,
        "wide_run": wide_run,
        "table_run_ids": table_ids[-5:],
        "seconds": round(time.time() - t0, 2),
    }), flush=True)


if __name__ == "__main__":
    main()
