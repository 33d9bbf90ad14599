#!/usr/bin/env bash
# Install the project into .venv, build the seed graph into KG_DATA_DIR (default ./data) and print its summary.
# Exits with `kg build`'s status (1 if some article was refused), after printing the summary anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
status=0
.venv/bin/kg build || status=$?
.venv/bin/kg stats
exit "$status"
