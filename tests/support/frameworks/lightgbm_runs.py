"""LightGBM runs logged by mlflow.lightgbm.autolog(): named sets, default names, one validation set only."""
import lightgbm as lgb
import mlflow

from _common import breast_cancer, noisy_binary, record, seed_everything, split

FW = "lightgbm"
mlflow.set_experiment("frameworks/lightgbm")
mlflow.lightgbm.autolog(log_models=True, log_input_examples=False, log_model_signatures=False)

BASE = {"objective": "binary", "verbose": -1, "seed": 7, "num_threads": 1, "deterministic": True,
        "force_row_wise": True}
OVERFIT = {"learning_rate": 0.2, "num_leaves": 31, "min_data_in_leaf": 2, "min_sum_hessian_in_leaf": 0.0,
           "lambda_l2": 0.0}
GENTLE = {"learning_rate": 0.05, "num_leaves": 4, "min_data_in_leaf": 20, "lambda_l2": 5.0,
          "bagging_fraction": 0.8, "bagging_freq": 1}


def train(run_name, X, y, params, rounds, sets, integration, callbacks=()):
    seed_everything()
    Xtr, Xval, ytr, yval = split(X, y)
    dtrain = lgb.Dataset(Xtr, ytr, free_raw_data=False)
    dval = lgb.Dataset(Xval, yval, reference=dtrain, free_raw_data=False)
    kw = {
        "named": {"valid_sets": [dtrain, dval], "valid_names": ["train", "valid"]},
        "default": {"valid_sets": [dtrain, dval]},
        "val-only": {"valid_sets": [dval]},
    }[sets]
    with mlflow.start_run(run_name=run_name) as run:
        lgb.train({**BASE, **params}, dtrain, rounds, callbacks=list(callbacks), **kw)
    record(FW, run.info.run_id, run_name, integration, __file__)


Xn, yn = noisy_binary()
Xb, yb = breast_cancer()

NAMED = "mlflow.lightgbm.autolog() + lgb.train(valid_sets=[dtrain, dval], valid_names=['train', 'valid'])"
DEFAULT = "mlflow.lightgbm.autolog() + lgb.train(valid_sets=[dtrain, dval]) (default names)"
VAL0 = "mlflow.lightgbm.autolog() + lgb.train(valid_sets=[dval]) (one validation set, default name)"

# Many leaves, tiny leaves, no L2, on noisy labels: valid-binary_logloss bottoms out early and climbs.
train("lgb-named-overfit", Xn, yn, OVERFIT, 100, "named", NAMED)
train("lgb-named-healthy", Xb, yb, GENTLE, 100, "named", NAMED)
train("lgb-named-early-stopping", Xn, yn, {"learning_rate": 0.05, "num_leaves": 8, "min_data_in_leaf": 20}, 400,
      "named", NAMED.replace(")", ", callbacks=[lgb.early_stopping(20)])", 1), callbacks=[lgb.early_stopping(20, verbose=False)])
train("lgb-named-short", Xb, yb, GENTLE, 4, "named", NAMED)
# Default names with two metrics: training-binary_logloss, training-auc, valid_1-binary_logloss, valid_1-auc.
train("lgb-default-names-overfit", Xn, yn, {**OVERFIT, "metric": ["binary_logloss", "auc"]}, 100, "default", DEFAULT)
# Only a validation set: valid_0-* and no training curve.
train("lgb-valid0-only-overfit", Xn, yn, OVERFIT, 100, "val-only", VAL0)
train("lgb-valid0-only-healthy", Xb, yb, GENTLE, 100, "val-only", VAL0)

# The scikit-learn API with eval_set=[train, val]: also training-* / valid_1-*.
for run_name, X, y, params in (
    ("lgb-sklearn-overfit", Xn, yn, {"learning_rate": 0.3, "num_leaves": 31, "min_child_samples": 5,
                                     "min_child_weight": 0.0, "reg_lambda": 0.0}),
    ("lgb-sklearn-healthy", Xb, yb, {"learning_rate": 0.05, "num_leaves": 4, "min_child_samples": 20,
                                     "reg_lambda": 5.0, "subsample": 0.8, "subsample_freq": 1}),
):
    seed_everything()
    Xtr, Xval, ytr, yval = split(X, y)
    with mlflow.start_run(run_name=run_name) as run:
        lgb.LGBMClassifier(n_estimators=100, random_state=7, n_jobs=1, verbose=-1, deterministic=True,
                           force_row_wise=True, **params).fit(Xtr, ytr, eval_set=[(Xtr, ytr), (Xval, yval)])
    record(FW, run.info.run_id, run_name,
           "mlflow.lightgbm.autolog() + LGBMClassifier.fit(eval_set=[(X_train, y_train), (X_val, y_val)])", __file__)
