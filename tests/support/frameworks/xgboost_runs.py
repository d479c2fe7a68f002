"""XGBoost runs logged by mlflow.xgboost.autolog(): native xgb.train and the scikit-learn API."""
import mlflow
import xgboost as xgb

from _common import breast_cancer, noisy_binary, record, seed_everything, split

FW = "xgboost"
mlflow.set_experiment("frameworks/xgboost")
mlflow.xgboost.autolog(log_models=True, log_input_examples=False, log_model_signatures=False)

NATIVE = "mlflow.xgboost.autolog() + xgb.train(evals=[(dtrain,'train'),(dval,'eval')])"


def native(run_name, X, y, params, rounds, integration=NATIVE, evals="both", **train_kw):
    seed_everything()
    Xtr, Xval, ytr, yval = split(X, y)
    dtrain, dval = xgb.DMatrix(Xtr, label=ytr), xgb.DMatrix(Xval, label=yval)
    ev = {"both": [(dtrain, "train"), (dval, "eval")], "train-only": [(dtrain, "train")]}[evals]
    with mlflow.start_run(run_name=run_name) as run:
        xgb.train({"objective": "binary:logistic", "seed": 7, "nthread": 1, **params}, dtrain, rounds, evals=ev,
                  verbose_eval=False, **train_kw)
    record(FW, run.info.run_id, run_name, integration, __file__)


def sk(run_name, X, y, params, integration, sets="both", **fit_kw):
    seed_everything()
    Xtr, Xval, ytr, yval = split(X, y)
    eval_set = {"both": [(Xtr, ytr), (Xval, yval)], "val-only": [(Xval, yval)]}[sets]
    with mlflow.start_run(run_name=run_name) as run:
        model = xgb.XGBClassifier(random_state=7, n_jobs=1, **params)
        model.fit(Xtr, ytr, eval_set=eval_set, verbose=False, **fit_kw)
    record(FW, run.info.run_id, run_name, integration, __file__)


Xn, yn = noisy_binary()
Xb, yb = breast_cancer()

# Native API, eval_metric ["logloss", "auc"]: auc is the last metric (the one XGBoost's early stopping
# watches), logloss is the loss a person judges. Deep trees + high eta on noisy labels: clear overfitting.
native("xgb-native-overfit", Xn, yn,
       {"eta": 0.3, "max_depth": 6, "lambda": 0.0, "min_child_weight": 0.1, "eval_metric": ["logloss", "auc"]}, 100)
# Small eta, shallow trees, subsampling, L2: validation logloss still falling at the end.
native("xgb-native-healthy", Xb, yb,
       {"eta": 0.05, "max_depth": 2, "subsample": 0.8, "lambda": 5.0, "eval_metric": ["logloss", "auc"]}, 80)
# Early stopping on eval-logloss (the last eval_metric): autolog adds best_iteration / stopped_iteration.
native("xgb-native-early-stopping", Xn, yn, {"eta": 0.1, "max_depth": 4, "eval_metric": ["auc", "logloss"]}, 300,
       integration="mlflow.xgboost.autolog() + xgb.train(evals=[(dtrain,'train'),(dval,'eval')], early_stopping_rounds=15)",
       early_stopping_rounds=15)
# Three rounds only: nothing to judge yet.
native("xgb-native-short", Xb, yb, {"eta": 0.1, "max_depth": 3, "eval_metric": ["logloss", "auc"]}, 3)
# Only the training set in evals: no validation curve at all.
native("xgb-native-train-only", Xb, yb, {"eta": 0.1, "max_depth": 3, "eval_metric": "logloss"}, 40,
       integration="mlflow.xgboost.autolog() + xgb.train(evals=[(dtrain,'train')])", evals="train-only")

SK2 = "mlflow.xgboost.autolog() + XGBClassifier.fit(eval_set=[(X_train, y_train), (X_val, y_val)])"
SK1 = "mlflow.xgboost.autolog() + XGBClassifier.fit(eval_set=[(X_val, y_val)])"
sk("xgb-sklearn-two-sets-overfit", Xn, yn,
   {"n_estimators": 100, "learning_rate": 0.3, "max_depth": 8, "reg_lambda": 0.1, "min_child_weight": 0.0}, SK2)
sk("xgb-sklearn-two-sets-healthy", Xb, yb,
   {"n_estimators": 80, "learning_rate": 0.05, "max_depth": 2, "subsample": 0.8, "reg_lambda": 5.0}, SK2)
# Only the validation set in eval_set: validation_0 IS the validation set here, and there is no training curve.
sk("xgb-sklearn-val-only-overfit", Xn, yn,
   {"n_estimators": 100, "learning_rate": 0.3, "max_depth": 8, "reg_lambda": 0.0, "min_child_weight": 0.0}, SK1,
   sets="val-only")
