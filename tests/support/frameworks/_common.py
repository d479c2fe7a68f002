"""Shared helpers of the framework training scripts (run by record.mjs inside the frameworks venv).

Every script trains small, seeded models on data that ships with scikit-learn, logs them to the MLflow
server in MLFLOW_TRACKING_URI through the framework's own MLflow integration, and appends one JSON line
per run to the manifest file in LENS_FW_MANIFEST, so record.mjs knows which runs to record.
"""
from __future__ import annotations

import json
import os
import random
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

SEED = 7


def seed_everything(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    try:
        import torch

        torch.manual_seed(seed)
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.set_num_threads(1)
    except ImportError:
        pass


def record(framework: str, run_id: str, run_name: str, integration: str, script: str) -> None:
    """Append this run to the manifest that record.mjs reads."""
    path = os.environ.get("LENS_FW_MANIFEST")
    line = {
        "framework": framework,
        "run_id": run_id,
        "run_name": run_name,
        "integration": integration,
        "script": f"tests/support/frameworks/{os.path.basename(script)}",
    }
    print(f"[{framework}] logged {run_name} ({run_id})", file=sys.stderr, flush=True)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")


def noisy_binary(n: int = 1200, flip_y: float = 0.15, seed: int = SEED):
    """make_classification with label noise: boosted trees memorise the flipped labels and overfit clearly."""
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=n, n_features=20, n_informative=6, n_redundant=4, flip_y=flip_y, class_sep=0.8, random_state=seed
    )


def breast_cancer():
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(return_X_y=True)


def split(X, y, test_size=0.3, seed: int = SEED, train_size=None):
    from sklearn.model_selection import train_test_split

    return train_test_split(X, y, test_size=test_size, train_size=train_size, random_state=seed, stratify=y)


def digits_scaled(seed: int = SEED):
    """load_digits scaled to [0, 1], split into train/validation (stratified)."""
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype("float32")
    return split(X, y, test_size=0.3, seed=seed)


def noisy_labels(y, frac: float, n_classes: int = 10, seed: int = SEED):
    """A copy of y with `frac` of its labels replaced by random classes (training labels only): a network that
    memorises them overfits unmistakably, its validation loss climbing while its training loss goes to ~0."""
    y = np.array(y, copy=True)
    rng = np.random.default_rng(seed)
    flip = rng.random(len(y)) < frac
    y[flip] = rng.integers(0, n_classes, int(flip.sum()))
    return y
