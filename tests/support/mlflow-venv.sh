#!/usr/bin/env bash
# Ensures a virtualenv with mlflow==$1 exists outside the repo (cached across runs and CI) and prints its path.
# Keyed by version so 2.x and 3.x live side by side; a venv is only trusted once its ".ready" marker exists.
set -euo pipefail
version="${1:?usage: mlflow-venv.sh <mlflow version>}"
root="${LENS_MLFLOW_CACHE:-$HOME/.cache/lens-for-mlflow}"
venv="$root/mlflow-$version"
# Bump when the install recipe changes, so cached venvs built by an older recipe are rebuilt.
recipe=2
if [ "$(cat "$venv/.ready" 2>/dev/null)" != "$recipe" ]; then
  rm -rf "$venv"
  mkdir -p "$root"
  python3 -m venv "$venv" >&2
  extra=()
  # MLflow 2.x and early 3.x (3.6 checked; 3.17 is fine) import sqlalchemy.pool names that SQLAlchemy 2.1 removed.
  case "$version" in 2.*|3.[0-9]|3.[0-9].*) extra+=("sqlalchemy<2.1") ;; esac
  "$venv/bin/pip" install --quiet --disable-pip-version-check "mlflow[auth]==$version" "${extra[@]}" >&2
  echo "$recipe" > "$venv/.ready"
fi
echo "$venv"
