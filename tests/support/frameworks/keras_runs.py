"""Keras 3 (torch backend) runs logged by mlflow.keras.autolog()."""
import os

os.environ["KERAS_BACKEND"] = "torch"

import keras  # noqa: E402
import mlflow  # noqa: E402
import numpy as np  # noqa: E402

from _common import digits_scaled, noisy_labels, record, seed_everything  # noqa: E402

FW = "keras"
mlflow.set_experiment("frameworks/keras")
mlflow.keras.autolog(log_models=True, log_model_signatures=False)


def model(hidden, depth, dropout=0.0, l2=0.0, lr=1e-3):
    reg = keras.regularizers.L2(l2) if l2 else None
    layers = [keras.Input((64,))]
    for _ in range(depth):
        layers.append(keras.layers.Dense(hidden, activation="relu", kernel_regularizer=reg))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    m = keras.Sequential(layers)
    m.compile(optimizer=keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


def fit(run_name, integration, n_train, epochs, batch_size, model_kw, validation="data", label_noise=0.0):
    seed_everything()
    keras.utils.set_random_seed(7)
    Xtr, Xval, ytr, yval = digits_scaled()
    Xtr, ytr = Xtr[:n_train], ytr[:n_train]
    if validation == "split":  # validation_split takes the LAST 20 %: keep those labels clean
        cut = int(len(ytr) * 0.8)
        ytr = np.concatenate([noisy_labels(ytr[:cut], label_noise), ytr[cut:]])
    else:
        ytr = noisy_labels(ytr, label_noise)
    kw = {"data": {"validation_data": (Xval, yval)}, "split": {"validation_split": 0.2}, "none": {}}[validation]
    with mlflow.start_run(run_name=run_name) as run:
        model(**model_kw).fit(Xtr, ytr, epochs=epochs, batch_size=batch_size, verbose=0, shuffle=True, **kw)
    record(FW, run.info.run_id, run_name, integration, __file__)


DATA = "mlflow.keras.autolog() + model.fit(validation_data=(X_val, y_val)) (Keras 3, KERAS_BACKEND=torch)"
SPLIT = "mlflow.keras.autolog() + model.fit(validation_split=0.2) (Keras 3, KERAS_BACKEND=torch)"
NONE = "mlflow.keras.autolog() + model.fit() without validation (Keras 3, KERAS_BACKEND=torch)"

# 120 training digits with 20 % of their labels randomised, a wide unregularised network, 40 epochs: val_loss bottoms out and climbs.
fit("keras-overfit", DATA, 150, 40, 8, {"hidden": 512, "depth": 2}, label_noise=0.2)
fit("keras-split-overfit", SPLIT, 250, 40, 8, {"hidden": 512, "depth": 2}, label_noise=0.2)
# All training digits, dropout + L2, small lr: val_loss still falling at the end.
fit("keras-healthy", SPLIT, 1257, 30, 32, {"hidden": 128, "depth": 1, "dropout": 0.3, "l2": 1e-4, "lr": 5e-4})
fit("keras-short", SPLIT, 1257, 3, 32, {"hidden": 128, "depth": 1, "dropout": 0.3, "l2": 1e-4, "lr": 5e-4})
# No validation at all: loss and accuracy only.
fit("keras-no-validation", NONE, 1257, 15, 32, {"hidden": 128, "depth": 1, "dropout": 0.3, "lr": 5e-4},
    validation="none")
