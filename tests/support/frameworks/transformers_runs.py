"""Transformers Trainer runs with report_to=["mlflow"] (the MLflowCallback starts, logs and ends the run).

No hub: the model is a tiny PreTrainedModel built from its own config (an MLP over the 64 pixels of
scikit-learn's digits, returning a loss like any *ForSequenceClassification model); no tokenizer."""
import os

os.environ["MLFLOW_EXPERIMENT_NAME"] = "frameworks/transformers"

import mlflow  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from transformers import PretrainedConfig, PreTrainedModel, Trainer, TrainingArguments  # noqa: E402
from transformers.modeling_outputs import SequenceClassifierOutput  # noqa: E402

from _common import digits_scaled, noisy_labels, record, seed_everything  # noqa: E402

FW = "transformers"


class DigitsConfig(PretrainedConfig):
    model_type = "lens-digits-mlp"

    def __init__(self, n_inputs=64, hidden_size=256, num_layers=2, dropout=0.0, num_labels=10, **kwargs):
        super().__init__(num_labels=num_labels, **kwargs)
        self.n_inputs, self.hidden_size, self.num_layers, self.dropout = n_inputs, hidden_size, num_layers, dropout


class DigitsMLP(PreTrainedModel):
    config_class = DigitsConfig

    def __init__(self, config):
        super().__init__(config)
        layers, d = [], config.n_inputs
        for _ in range(config.num_layers):
            layers += [nn.Linear(d, config.hidden_size), nn.ReLU(), nn.Dropout(config.dropout)]
            d = config.hidden_size
        self.net = nn.Sequential(*layers, nn.Linear(d, config.num_labels))
        self.post_init()

    def _init_weights(self, module):
        if isinstance(module, nn.Linear):
            nn.init.kaiming_uniform_(module.weight, a=5**0.5)
            nn.init.zeros_(module.bias)

    def forward(self, x=None, labels=None, **_):
        logits = self.net(x)
        loss = nn.functional.cross_entropy(logits, labels) if labels is not None else None
        return SequenceClassifierOutput(loss=loss, logits=logits)


class Digits(torch.utils.data.Dataset):
    def __init__(self, X, y):
        self.X, self.y = torch.tensor(X), torch.tensor(y)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return {"x": self.X[i], "labels": self.y[i]}


def train(run_name, n_train, epochs, batch_size, integration, model_kw, label_noise=0.0, **args):
    seed_everything()
    Xtr, Xval, ytr, yval = digits_scaled()
    torch.manual_seed(7)
    model = DigitsMLP(DigitsConfig(**model_kw))
    targs = TrainingArguments(
        output_dir=os.path.join(os.environ.get("TMPDIR", "/tmp"), "lens-hf-out"), run_name=run_name,
        report_to=["mlflow"], num_train_epochs=epochs, per_device_train_batch_size=batch_size,
        per_device_eval_batch_size=256, save_strategy="no", seed=7, data_seed=7, use_cpu=True,
        dataloader_num_workers=0, disable_tqdm=True, **args,
    )
    Trainer(model=model, args=targs, train_dataset=Digits(Xtr[:n_train], noisy_labels(ytr[:n_train], label_noise)),
            eval_dataset=Digits(Xval, yval)).train()
    run = mlflow.last_active_run()
    assert run is not None and run.info.run_name == run_name, run
    record(FW, run.info.run_id, run_name, integration, __file__)


EPOCH = 'Trainer(args=TrainingArguments(report_to=["mlflow"], eval_strategy="epoch", logging_steps={}))'
STEPS = 'Trainer(args=TrainingArguments(report_to=["mlflow"], eval_strategy="steps", eval_steps={}, logging_steps={}))'
BIG = {"hidden_size": 512, "num_layers": 2}

# 120 training digits with 20 % of their labels randomised, a wide MLP, 30 epochs of batch 8 (15 steps per epoch), constant lr: the eval_loss
# minimum comes early and eval_loss climbs while the training loss goes to ~0.
train("hf-epoch-overfit", 120, 30, 8, EPOCH.format(5), BIG, label_noise=0.2, eval_strategy="epoch", logging_steps=5,
      learning_rate=1e-3, lr_scheduler_type="constant")
train("hf-steps-overfit", 120, 30, 8, STEPS.format(30, 10), BIG, label_noise=0.2, eval_strategy="steps", eval_steps=30,
      logging_steps=10, learning_rate=1e-3, lr_scheduler_type="constant")
# All training digits, dropout + weight decay, linear decay of a small lr: eval_loss still falling at the end.
train("hf-epoch-healthy", 1257, 8, 32, EPOCH.format(10), {"hidden_size": 128, "num_layers": 1, "dropout": 0.2},
      eval_strategy="epoch", logging_steps=10, learning_rate=1e-3, weight_decay=0.01)
# One epoch: one evaluation, nothing to judge yet.
train("hf-epoch-short", 1257, 1, 32, EPOCH.format(10), {"hidden_size": 128, "num_layers": 1, "dropout": 0.2},
      eval_strategy="epoch", logging_steps=10, learning_rate=1e-3, weight_decay=0.01)
