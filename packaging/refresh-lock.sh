#!/bin/sh
# Refresh the lock after a change of dependencies in pyproject.toml: uv.lock (all
# platforms and Python versions, with hashes) and the two requirement files exported
# from it. Pass --upgrade to move every dependency to its newest allowed release.
set -eu
cd "$(dirname "$0")/.."
uv lock "$@"
uv export --frozen --no-emit-project --no-header -q -o packaging/requirements.txt
uv export --frozen --no-emit-project --no-header -q --extra test -o packaging/requirements-test.txt
echo "lock refreshed: uv.lock, packaging/requirements.txt, packaging/requirements-test.txt"
