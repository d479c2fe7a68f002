"""Seeds a large MLflow for benchmarks: N experiments and M runs spread over them, named like real runs.

Usage: python seed_scale.py <experiments> <runs>   (MLFLOW_TRACKING_URI set). Prints one JSON line at the end.
"""
import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from mlflow.tracking import MlflowClient

ADJECTIVES = ["crawling", "bold", "calm", "eager", "shaky", "steady", "rapid", "quiet", "bright", "gentle", "silent", "brave"]
ANIMALS = ["mole", "heron", "otter", "lynx", "wren", "puffin", "gecko", "ibis", "fox", "owl", "newt", "yak"]


def main():
    n_experiments, n_runs = int(sys.argv[1]), int(sys.argv[2])
    client = MlflowClient()
    rng = random.Random(7)
    t0 = time.time()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda i: client.create_experiment(f"Scale/dataset_{i // 50}/task_{i:04d}"), range(n_experiments)))
        names = [f"{rng.choice(ADJECTIVES)}-{rng.choice(ANIMALS)}-{i}" for i in range(n_runs)]
        list(pool.map(lambda i: client.create_run(ids[i % len(ids)], run_name=names[i]).info.run_id, range(n_runs)))
    print(json.dumps({"experiments": n_experiments, "runs": n_runs, "seconds": round(time.time() - t0, 1)}), flush=True)


if __name__ == "__main__":
    main()
