#!/usr/bin/env bash
# Install the project with its test extras into .venv and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test]'
.venv/bin/ruff check kg api bench tests
.venv/bin/pytest -q "$@"
