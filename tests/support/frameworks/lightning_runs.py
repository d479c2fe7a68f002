"""Lightning runs: MLFlowLogger (self.log(..., on_step=True, on_epoch=True)) and mlflow.pytorch.autolog()."""
import os

import lightning as L
import mlflow
import torch
from lightning.pytorch.loggers import MLFlowLogger
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from _common import digits_scaled, noisy_labels, record, seed_everything

FW = "lightning"
EXPERIMENT = "frameworks/lightning"


class MLP(L.LightningModule):
    def __init__(self, hidden=256, depth=2, dropout=0.0, lr=1e-3, weight_decay=0.0):
        super().__init__()
        self.save_hyperparameters()
        layers, d = [], 64
        for _ in range(depth):
            layers += [nn.Linear(d, hidden), nn.ReLU(), nn.Dropout(dropout)]
            d = hidden
        self.net = nn.Sequential(*layers, nn.Linear(d, 10))

    def forward(self, x):
        return self.net(x)

    def _step(self, batch):
        x, y = batch
        logits = self(x)
        return nn.functional.cross_entropy(logits, y), (logits.argmax(1) == y).float().mean()

    def training_step(self, batch, _):
        loss, acc = self._step(batch)
        self.log("train_loss", loss, on_step=True, on_epoch=True)
        self.log("train_acc", acc, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, _):
        loss, acc = self._step(batch)
        self.log("val_loss", loss, on_epoch=True)
        self.log("val_acc", acc, on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr, weight_decay=self.hparams.weight_decay)


def loaders(n_train, batch_size, label_noise=0.0):
    Xtr, Xval, ytr, yval = digits_scaled()
    Xtr, ytr = Xtr[:n_train], noisy_labels(ytr[:n_train], label_noise)
    tr = TensorDataset(torch.tensor(Xtr), torch.tensor(ytr))
    va = TensorDataset(torch.tensor(Xval), torch.tensor(yval))
    g = torch.Generator().manual_seed(7)
    return DataLoader(tr, batch_size=batch_size, shuffle=True, generator=g), DataLoader(va, batch_size=256)


def trainer(epochs, logger, log_every):
    return L.Trainer(max_epochs=epochs, logger=logger, log_every_n_steps=log_every, accelerator="cpu", devices=1,
                     deterministic=True, enable_checkpointing=False, enable_progress_bar=False,
                     enable_model_summary=False, num_sanity_val_steps=0)


def with_logger(run_name, epochs, n_train, batch_size, log_every, label_noise=0.0, **hp):
    L.seed_everything(7, verbose=False)
    seed_everything()
    tr, va = loaders(n_train, batch_size, label_noise)
    logger = MLFlowLogger(experiment_name=EXPERIMENT, run_name=run_name,
                          tracking_uri=os.environ["MLFLOW_TRACKING_URI"])
    trainer(epochs, logger, log_every).fit(MLP(**hp), tr, va)
    logger.finalize("success")
    record(FW, logger.run_id, run_name,
           "lightning.pytorch.loggers.MLFlowLogger; self.log('train_loss', on_step=True, on_epoch=True), "
           "self.log('val_loss')", __file__)


def with_autolog(run_name, epochs, n_train, batch_size, label_noise=0.0, **hp):
    L.seed_everything(7, verbose=False)
    seed_everything()
    tr, va = loaders(n_train, batch_size, label_noise)
    mlflow.set_experiment(EXPERIMENT)
    mlflow.pytorch.autolog(log_models=False)
    with mlflow.start_run(run_name=run_name) as run:
        trainer(epochs, False, 50).fit(MLP(**hp), tr, va)
    mlflow.pytorch.autolog(disable=True)
    record(FW, run.info.run_id, run_name,
           "mlflow.pytorch.autolog() + lightning.Trainer(logger=False); self.log('train_loss', on_step=True, "
           "on_epoch=True), self.log('val_loss')", __file__)


# 150 training digits with 20 % of their labels randomised, a wide unregularised MLP, 40 epochs of batch 8: ~19 global steps per epoch, so the
# last global step (~760) is far beyond the last epoch (39). val_loss turns up while train_loss keeps falling.
with_logger("pl-logger-overfit", 40, 150, 8, 5, label_noise=0.2, hidden=512, depth=2, lr=1e-3)
# All 1257 training digits, dropout + weight decay, a small lr: val_loss still falling / flat at the end.
with_logger("pl-logger-healthy", 40, 1257, 64, 5, hidden=128, depth=1, dropout=0.2, lr=3e-4, weight_decay=1e-4)
with_logger("pl-logger-short", 2, 1257, 64, 5, hidden=128, depth=1, dropout=0.2, lr=3e-4, weight_decay=1e-4)
with_autolog("pl-autolog-overfit", 40, 150, 8, label_noise=0.2, hidden=512, depth=2, lr=1e-3)
with_autolog("pl-autolog-healthy", 40, 1257, 64, hidden=128, depth=1, dropout=0.2, lr=3e-4, weight_decay=1e-4)
