#!/usr/bin/env bash
# Build the seed graph in a temporary store and print the answers of the canned queries to the analyst
# questions of ../shared/devset/expected-queries.md (Q1–Q5), to compare by eye with that file.
set -euo pipefail
cd "$(dirname "$0")/.."
KG_DATA_DIR="$(mktemp -d)/data"
export KG_DATA_DIR
trap 'rm -rf "$(dirname "$KG_DATA_DIR")"' EXIT
kg=.venv/bin/kg
$kg build >/dev/null || echo "(some seed articles were refused; answers cover the rest)"
show() { echo "== $1"; shift; $kg query "$@" -f csv | sed 's|https://w3id.org/peacetalks/||g'; echo; }
show "Q1a demands in every Russian proposal (strict)" -n demands-in-every-memo -p state=Q159
show "Q1b ... with reiterated proposals" -n demands-in-every-memo-inherited -p state=Q159
show "Q2 actors by distinct meetings (events) and reports" -n actors-by-meetings
show "Q2 parties by meeting reports (actors-by-meetings above counts events)" -n parties-by-meetings
show "Q3 issues Ukraine refused to concede" -n refused-issues -p party=Q212
show "Q4 revisions of proposals" -n proposal-revision-diff
show "Q5 issues both Russia and Ukraine accepted" -n accepted-by-both -p a=Q159 -p b=Q212
show "conflicts" -n conflicts
