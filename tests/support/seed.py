"""Seed a running MLflow server with deterministic demo data for Lens for MLflow tests.

Usage: MLFLOW_TRACKING_URI=http://127.0.0.1:PORT[/prefix] python seed.py
(basic-auth servers: also MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD as an admin).

Works with MLflow 2.22.x and 3.x (checked at runtime with mlflow.__version__). Metric values are
deterministic (seeded RNG); timestamps are relative to "now" so the UI shows realistic ages.
The last stdout line is `SEED_JSON {...}`, parsed by tests/support/mlflow-server.mjs.
"""

import json
import math
import os
import random
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")  # type-hint / cloudpickle / deprecation chatter from log_model

import logging

import mlflow
from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient

logging.getLogger("mlflow").setLevel(logging.ERROR)

MLFLOW_MAJOR = int(mlflow.__version__.split(".")[0])
IS_V3 = MLFLOW_MAJOR >= 3

CHURN_EXPERIMENT = "HM_Dataset/binary_classification/Churn"
SALES_EXPERIMENT = "HM_Dataset/regression/Sales"
REGISTERED_MODEL = "Churn"
METRIC_KEYS = (
    "train_loss",
    "val_loss",
    "train_metric_average_precision",
    "val_metric_average_precision",
    "learning_rate",
)
MAX_METRICS_PER_BATCH = 1000

client = MlflowClient()
NOW_MS = int(time.time() * 1000)
MINUTE_MS = 60 * 1000
HOUR_MS = 60 * MINUTE_MS


def log(msg):
    print(f"[seed] {msg}", file=sys.stderr, flush=True)


class Echo(mlflow.pyfunc.PythonModel):
    """Cheapest possible pyfunc model: returns its input."""

    def predict(self, context, model_input, params=None):
        return model_input


# ---------------------------------------------------------------------------------------------
# Metric curves. Each returns {metric_key: [value per epoch]}; values are deterministic.
# ---------------------------------------------------------------------------------------------


def lr_schedule(lr0, epochs):
    # Cosine decay to 10 % of the initial learning rate.
    return [lr0 * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * e / max(1, epochs - 1)))) for e in range(epochs)]


def curves_normal(rng, epochs, lr0, train_floor=0.25, val_floor=0.30, tau=8.0, noise=0.008):
    c = {k: [] for k in METRIC_KEYS}
    for e in range(epochs):
        c["train_loss"].append(train_floor + 0.45 * math.exp(-e / tau) + rng.gauss(0, noise / 2))
        c["val_loss"].append(val_floor + 0.40 * math.exp(-e / (tau + 1)) + rng.gauss(0, noise))
        c["train_metric_average_precision"].append(
            0.55 + 0.35 * (1 - math.exp(-e / tau)) + rng.gauss(0, noise / 2)
        )
        c["val_metric_average_precision"].append(
            0.52 + 0.28 * (1 - math.exp(-e / (tau + 1))) + rng.gauss(0, noise)
        )
    c["learning_rate"] = lr_schedule(lr0, epochs)
    return c


def curves_overfitting(rng, epochs, lr0):
    # val_loss bottoms out around epoch 12, then climbs (~+35 % by epoch 39) while train_loss keeps falling.
    c = {k: [] for k in METRIC_KEYS}
    for e in range(epochs):
        rise = max(0, e - 12)
        c["train_loss"].append(0.05 + 0.65 * math.exp(-e / 10) + rng.gauss(0, 0.003))
        c["val_loss"].append(0.30 + 0.40 * math.exp(-e / 4) + 0.005 * rise + rng.gauss(0, 0.004))
        c["train_metric_average_precision"].append(
            0.55 + 0.43 * (1 - math.exp(-e / 10)) + rng.gauss(0, 0.003)
        )
        c["val_metric_average_precision"].append(
            0.55 + 0.25 * (1 - math.exp(-e / 4)) - 0.004 * rise + rng.gauss(0, 0.004)
        )
    c["learning_rate"] = [lr0] * epochs  # constant LR: no schedule to blame
    return c


def curves_healthy(rng, epochs, lr0):
    c = {k: [] for k in METRIC_KEYS}
    for e in range(epochs):
        c["train_loss"].append(0.22 + 0.50 * math.exp(-e / 6) + rng.gauss(0, 0.003))
        # Noisy but flat at the end: no trend, just jitter around the floor.
        c["val_loss"].append(0.27 + 0.45 * math.exp(-e / 6) + rng.gauss(0, 0.01))
        c["train_metric_average_precision"].append(
            0.55 + 0.33 * (1 - math.exp(-e / 6)) + rng.gauss(0, 0.003)
        )
        c["val_metric_average_precision"].append(
            0.52 + 0.30 * (1 - math.exp(-e / 6)) + rng.gauss(0, 0.01)
        )
    c["learning_rate"] = lr_schedule(lr0, epochs)
    return c


def epoch_timestamps(rng, start_ms, epochs, epoch_seconds):
    ts, t = [], start_ms
    for _ in range(epochs):
        t += int(epoch_seconds * 1000 * rng.uniform(0.9, 1.1))
        ts.append(t)
    return ts


def metric_objects(curves, timestamps, steps=None):
    steps = steps if steps is not None else list(range(len(timestamps)))
    out = []
    for key in METRIC_KEYS:
        values = curves.get(key)
        if values is None:
            continue
        for i, v in enumerate(values):
            out.append(Metric(key, float(v), int(timestamps[i]), int(steps[i])))
    return out


def log_batched(run_id, metrics, params=(), tags=()):
    params, tags = list(params), list(tags)
    first = True
    for i in range(0, max(1, len(metrics)), MAX_METRICS_PER_BATCH):
        chunk = metrics[i : i + MAX_METRICS_PER_BATCH]
        if first:
            client.log_batch(run_id, metrics=chunk, params=params, tags=tags)
            first = False
        elif chunk:
            client.log_batch(run_id, metrics=chunk)


def run_params(lr, hidden, layers, dropout, batch):
    return [
        Param("learning_rate", str(lr)),
        Param("hidden_channels", str(hidden)),
        Param("num_layers", str(layers)),
        Param("dropout", str(dropout)),
        Param("batch_size", str(batch)),
    ]


def run_tags(task, **extra):
    tags = {"dataset": "HM_Dataset", "task": task, "model_family": "GraphSAGE", "seeded_by": "lens-for-mlflow"}
    tags.update(extra)
    return [RunTag(k, str(v)) for k, v in tags.items()]


RUNS = {}  # run_name -> {run_id, experiment_id, status}


def create_run(experiment_id, name, start_ms):
    run = client.create_run(experiment_id, start_time=start_ms, run_name=name)
    RUNS[name] = {"run_id": run.info.run_id, "experiment_id": experiment_id, "status": "RUNNING"}
    return run


def finish(name, end_ms, status="FINISHED"):
    client.set_terminated(RUNS[name]["run_id"], status, end_time=end_ms)
    RUNS[name]["status"] = status


def epoch_run(experiment_id, name, *, seed, epochs, curves_fn, params, tags, start_ms, epoch_seconds=60, lr=1e-3, finish_run=True):
    rng = random.Random(seed)
    run = create_run(experiment_id, name, start_ms)
    curves = curves_fn(rng, epochs, lr)
    ts = epoch_timestamps(rng, start_ms, epochs, epoch_seconds)
    log_batched(run.info.run_id, metric_objects(curves, ts), params, tags)
    if finish_run:
        finish(name, ts[-1] + 5000)
    return run, curves, ts


# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------


def log_model_2x_way(run_id):
    """Run artifacts under `model/` + the `mlflow.log-model.history` tag (drives the run-header Register button)."""
    if not IS_V3:
        with mlflow.start_run(run_id=run_id):
            mlflow.pyfunc.log_model("model", python_model=Echo(), pip_requirements=["mlflow"])
        return
    # 3.x no longer writes the tag or run artifacts from log_model: reproduce what 2.x did.
    from mlflow.models import Model

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model")
        mlflow.pyfunc.save_model(path, python_model=Echo(), pip_requirements=["mlflow"])
        client.log_artifacts(run_id, path, "model")
        model = Model.load(path)
        model.run_id = run_id
        model.artifact_path = "model"
        client.set_tag(run_id, "mlflow.log-model.history", json.dumps([model.get_tags_dict()]))


def log_model_3x_way(run_id):
    with mlflow.start_run(run_id=run_id):
        info = mlflow.pyfunc.log_model(name="model", python_model=Echo(), pip_requirements=["mlflow"])
    return info.model_id


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def main():
    t0 = time.time()
    # MLflow 3's UI opens an experiment on its GenAI tabs unless the experiment says it trains models;
    # it records the user's choice in this tag, so set it as a training experiment would have it.
    kind = {"mlflow.experimentKind": "custom_model_development"} if IS_V3 else {}
    churn_id = client.create_experiment(CHURN_EXPERIMENT, tags={"team": "growth", "dataset": "HM_Dataset", **kind})
    sales_id = client.create_experiment(SALES_EXPERIMENT, tags={"team": "forecasting", "dataset": "HM_Dataset", **kind})
    task = "binary_classification"

    # Oldest first: runs/search orders by start_time DESC, so the newest (running) run is listed first.
    # 1. Normal run; also the run that gets a model the 2.x way.
    normal_name = "crawling-mole-592"
    epoch_run(churn_id, normal_name, seed=592, epochs=30, curves_fn=curves_normal,
              params=run_params(0.001, 64, 2, 0.2, 512), tags=run_tags(task, note="baseline"),
              start_ms=NOW_MS - 30 * HOUR_MS, epoch_seconds=75, lr=0.001, finish_run=False)

    # 2. Overfitting run.
    overfit_name = "bold-heron-17"
    epoch_run(churn_id, overfit_name, seed=17, epochs=40, curves_fn=curves_overfitting,
              params=run_params(0.003, 256, 4, 0.0, 256), tags=run_tags(task, note="no dropout, big model"),
              start_ms=NOW_MS - 26 * HOUR_MS, epoch_seconds=90, lr=0.003)

    # 3. Healthy run.
    healthy_name = "calm-otter-88"
    epoch_run(churn_id, healthy_name, seed=88, epochs=30, curves_fn=curves_healthy,
              params=run_params(0.001, 128, 3, 0.3, 512), tags=run_tags(task, note="regularised"),
              start_ms=NOW_MS - 20 * HOUR_MS, epoch_seconds=80, lr=0.001)

    # 4. NaN / inf run (diverged): NaN and +inf in val_loss, last epoch NaN.
    nan_name = "shaky-wren-44"
    rng = random.Random(44)
    run = create_run(churn_id, nan_name, NOW_MS - 14 * HOUR_MS)
    curves = curves_normal(rng, 20, 0.05, noise=0.03)
    curves["val_loss"][6] = float("nan")
    curves["val_loss"][10] = float("inf")
    curves["val_loss"][13] = float("nan")
    curves["val_loss"][19] = float("nan")
    curves["train_loss"][19] = float("inf")
    ts = epoch_timestamps(rng, NOW_MS - 14 * HOUR_MS, 20, 60)
    log_batched(run.info.run_id, metric_objects(curves, ts),
                run_params(0.05, 128, 3, 0.1, 1024), run_tags(task, note="lr too high"))
    finish(nan_name, ts[-1] + 5000, status="FAILED")

    # 5. Long run: 20,000 steps of train_loss / val_loss (other metrics every 100 steps).
    long_name = "marathon-ibis-20k"
    rng = random.Random(20000)
    start = NOW_MS - 12 * HOUR_MS
    run = create_run(churn_id, long_name, start)
    n = 20000
    step_ms = 2000
    metrics = []
    for s in range(n):
        t = start + (s + 1) * step_ms
        metrics.append(Metric("train_loss", 0.2 + 0.5 * math.exp(-s / 3000) + rng.gauss(0, 0.01), t, s))
        metrics.append(Metric("val_loss", 0.26 + 0.45 * math.exp(-s / 3500) + rng.gauss(0, 0.015), t, s))
        if s % 100 == 0 or s == n - 1:
            metrics.append(Metric("train_metric_average_precision", 0.55 + 0.35 * (1 - math.exp(-s / 3000)), t, s))
            metrics.append(Metric("val_metric_average_precision", 0.52 + 0.3 * (1 - math.exp(-s / 3500)), t, s))
            metrics.append(Metric("learning_rate", 0.0005 * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * s / n))), t, s))
    log_batched(run.info.run_id, metrics, run_params(0.0005, 64, 2, 0.1, 128),
                run_tags(task, note="step-level logging"))
    finish(long_name, start + n * step_ms + 5000)

    # 6. 3.x-only: a LoggedModel (m-...) logged with the 3.x API.
    model_3x_name = None
    logged_model_id = None
    if IS_V3:
        model_3x_name = "logged-model-3x"
        epoch_run(churn_id, model_3x_name, seed=3, epochs=10, curves_fn=curves_healthy,
                  params=run_params(0.001, 64, 2, 0.2, 512), tags=run_tags(task, note="3.x logged model"),
                  start_ms=NOW_MS - 3 * HOUR_MS, epoch_seconds=60, lr=0.001, finish_run=False)
        logged_model_id = log_model_3x_way(RUNS[model_3x_name]["run_id"])
        finish(model_3x_name, NOW_MS - 3 * HOUR_MS + 11 * MINUTE_MS)

    # 7. RUNNING run (newest): a few epochs, never terminated.
    running_name = "eager-lynx-301"
    epoch_run(churn_id, running_name, seed=301, epochs=4, curves_fn=curves_normal,
              params=run_params(0.002, 128, 3, 0.2, 512), tags=run_tags(task, note="in progress"),
              start_ms=NOW_MS - 5 * MINUTE_MS, epoch_seconds=60, lr=0.002, finish_run=False)

    # Model the 2.x way on the normal run, then finish it.
    normal_id = RUNS[normal_name]["run_id"]
    log_model_2x_way(normal_id)
    finish(normal_name, NOW_MS - 30 * HOUR_MS + 40 * MINUTE_MS)

    # Sales experiment: 2 runs.
    reg = "regression"
    epoch_run(sales_id, "steady-puffin-5", seed=5, epochs=20, curves_fn=curves_healthy,
              params=run_params(0.001, 64, 2, 0.1, 256), tags=run_tags(reg),
              start_ms=NOW_MS - 48 * HOUR_MS, epoch_seconds=45, lr=0.001)
    # A second unregistered 2.x-way model, in another experiment (registering to an existing model, aliases).
    log_model_2x_way(RUNS["steady-puffin-5"]["run_id"])
    RUNS["steady-puffin-5"]["status"] = "FINISHED"
    epoch_run(sales_id, "rapid-gecko-12", seed=12, epochs=25, curves_fn=curves_overfitting,
              params=run_params(0.01, 256, 4, 0.0, 128), tags=run_tags(reg),
              start_ms=NOW_MS - 40 * HOUR_MS, epoch_seconds=45, lr=0.01)

    # Registered model "Churn" v1 from the healthy run's model (also logged the 2.x way), with the source
    # the version's own UI sends: 2.x "<run artifact_uri>/model"; 3.6+ "runs:/<run_id>/model". Not from
    # crawling-mole-592: its run header must keep MLflow's "Register model" button (a registered run's
    # header shows "Model registered" instead on 2.x).
    healthy_id = RUNS[healthy_name]["run_id"]
    log_model_2x_way(healthy_id)
    client.create_registered_model(REGISTERED_MODEL, description="Churn classifier (seeded)")
    if IS_V3:
        source = f"runs:/{healthy_id}/model"
    else:
        source = f"{client.get_run(healthy_id).info.artifact_uri}/model"
    mv = client.create_model_version(REGISTERED_MODEL, source, run_id=healthy_id)

    log(f"seeded {len(RUNS)} runs in {time.time() - t0:.1f}s (mlflow {mlflow.__version__})")
    seed = {
        "mlflow_version": mlflow.__version__,
        "experiments": {
            "churn": {"id": churn_id, "name": CHURN_EXPERIMENT},
            "sales": {"id": sales_id, "name": SALES_EXPERIMENT},
        },
        "runs": RUNS,
        "normal_run": normal_name,
        "overfitting_run": overfit_name,
        "healthy_run": healthy_name,
        "running_run": running_name,
        "nan_run": nan_name,
        "long_run": long_name,
        "model_run_2x": normal_name,
        "model_run_3x": model_3x_name,
        "model_run_2x_other": "steady-puffin-5",
        "logged_model_id": logged_model_id,
        "registered_model": {"name": REGISTERED_MODEL, "version": str(mv.version), "source": mv.source,
                             "run": healthy_name},
    }
    print("SEED_JSON " + json.dumps(seed), flush=True)


if __name__ == "__main__":
    main()
