"""Plot every recorded framework fixture (train/validation curves) to PNG, to read the expected verdict off.

    python plot_fixtures.py <fixtures dir> <out dir> [framework ...]

The plots are for looking at, not for committing (record.mjs --plots DIR calls this after recording).
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SKIP = ("runtime", "per_second", "total_flos", "learning_rate", "grad_norm")


def series(h):
    pts = sorted(h.get("metrics", []), key=lambda m: (m["step"], m["timestamp"]))
    return [m["step"] for m in pts], [m["value"] for m in pts]


def main():
    src, out = sys.argv[1], sys.argv[2]
    only = set(sys.argv[3:])
    os.makedirs(out, exist_ok=True)
    for fw in sorted(os.listdir(src)):
        d = os.path.join(src, fw)
        if not os.path.isdir(d) or (only and fw not in only):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".json"):
                continue
            fx = json.load(open(os.path.join(d, name)))
            hs = fx["histories"]
            exp = fx.get("expected") or {}
            losses = [k for k in hs if "loss" in k.lower() and not any(s in k for s in SKIP)]
            others = [k for k in hs if k not in losses and k != "epoch" and not any(s in k for s in SKIP)]
            fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
            for ax, keys in ((axes[0], losses), (axes[1], others)):
                for k in sorted(keys):
                    x, y = series(hs[k])
                    lw = 2.5 if k in (exp.get("train"), exp.get("validation")) else 1
                    ax.plot(x, y, marker="." if len(x) < 60 else None, lw=lw, label=f"{k} ({len(x)} pts)")
                ax.legend(fontsize=7)
                ax.set_xlabel("step")
                ax.grid(alpha=0.3)
            if "epoch" in hs:
                x, y = series(hs["epoch"])
                axes[1].set_title(f"epoch metric: steps {x[:3]}..{x[-1]} -> {y[:3]}..{y[-1]}", fontsize=8)
            title = f"{fw}/{name[:-5]}"
            if exp:
                title += f"  expected={exp.get('verdict')} best step {exp.get('bestStep')} epoch {exp.get('bestEpoch')}"
            axes[0].set_title(title, fontsize=9)
            fig.tight_layout()
            fig.savefig(os.path.join(out, f"{fw}--{name[:-5]}.png"), dpi=70)
            plt.close(fig)
            for k in sorted(losses):
                x, y = series(hs[k])
                i = min(range(len(y)), key=y.__getitem__)
                print(f"{fw}/{name[:-5]} {k}: n={len(x)} first={y[0]:.4g} min={y[i]:.4g}@step{x[i]} last={y[-1]:.4g}@step{x[-1]} last/min={y[-1]/y[i] if y[i] else float('nan'):.3f}")


if __name__ == "__main__":
    main()
