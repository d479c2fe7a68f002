"""CatBoost runs. Neither MLflow (mlflow.catboost has log_model/save_model/load_model, no autolog) nor CatBoost
(no MLflow callback) logs metrics, so these runs log CatBoost's own evals_result_ by hand: every
iteration's value (MlflowClient.log_batch, 1000 points a request), key "<set>-<metric>" with CatBoost's set names ("learn", "validation")
and metric names ("Logloss", "AUC"), step = iteration."""
import tempfile
import time

import mlflow
from catboost import CatBoostClassifier
from mlflow.entities import Metric

from _common import breast_cancer, noisy_binary, record, seed_everything, split

FW = "catboost"
INTEGRATION = ("manual: CatBoostClassifier.fit(eval_set=(X_val, y_val)), then MlflowClient().log_batch("
               "metrics=[Metric('<set>-<metric>', evals_result_[set][metric][i], t, step=i)]); no MLflow autolog for CatBoost")
mlflow.set_experiment("frameworks/catboost")
client = mlflow.MlflowClient()


def train(run_name, X, y, params):
    seed_everything()
    Xtr, Xval, ytr, yval = split(X, y)
    with mlflow.start_run(run_name=run_name) as run, tempfile.TemporaryDirectory() as tmp:
        mlflow.log_params(params)
        model = CatBoostClassifier(random_seed=7, thread_count=1, verbose=False, train_dir=tmp,
                                   eval_metric="Logloss", custom_metric=["AUC"], **params)
        model.fit(Xtr, ytr, eval_set=(Xval, yval))
        res = model.get_evals_result()
        # Every value at its own iteration's step, sent in batches (one request per iteration is slow).
        now = int(time.time() * 1000)
        points = [Metric(f"{s}-{m}", v, now, i) for s, metrics in res.items() for m, vals in metrics.items()
                  for i, v in enumerate(vals)]
        for k in range(0, len(points), 1000):
            client.log_batch(run.info.run_id, metrics=points[k:k + 1000], synchronous=True)
        if model.get_best_iteration() is not None and "od_type" in params:
            mlflow.log_metric("best_iteration", model.get_best_iteration())
    record(FW, run.info.run_id, run_name, INTEGRATION, __file__)


Xn, yn = noisy_binary()
Xb, yb = breast_cancer()
train("cb-overfit", Xn, yn, {"iterations": 200, "learning_rate": 0.1, "depth": 8, "l2_leaf_reg": 0.01})
train("cb-healthy", Xb, yb, {"iterations": 150, "learning_rate": 0.03, "depth": 4, "l2_leaf_reg": 5.0})
train("cb-early-stopping", Xn, yn, {"iterations": 400, "learning_rate": 0.05, "depth": 4, "od_type": "Iter",
                                    "od_wait": 20, "use_best_model": True})
train("cb-short", Xb, yb, {"iterations": 4, "learning_rate": 0.05, "depth": 4})
