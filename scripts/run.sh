#!/usr/bin/env bash
# Install the project into .venv, build the seed graph into KG_DATA_DIR (default ./data) and print its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
.venv/bin/kg build
.venv/bin/kg stats
