#!/usr/bin/env bash
# Create the FinOps Foundation validator's own virtualenv: scripts/setup_validator.sh VENV_DIR
#
# focus-validator 2.2.1 needs Python >= 3.12, newer than the project's own floor, so it lives in
# a separate venv. Its dependencies pin numpy 1.26 but leave pyarrow open, and pyarrow >= 20
# needs numpy 2, so pyarrow is pinned below 20 here.
#
# The interpreter is the first Python >= 3.12 that actually runs. 3.12 is preferred: numpy 1.26
# (the validator's pin) ships no wheels for 3.13+, so newer versions may have to compile it.
#   1. $FOCUS_VALIDATOR_PYTHON (a command or path), when set
#   2. python3.12, python3.13, python3.14, python3 on PATH
#      (a pyenv shim that refuses to run because another version is active is skipped)
#   3. versions installed under pyenv (3.12.x first, newest patch first), run directly from
#      $(pyenv root)/versions, so the active pyenv version does not matter
#   4. `uv python find ">=3.12"`, when uv is installed
set -euo pipefail

VALIDATOR_SPEC="focus-validator==2.2.1"
PYARROW_SPEC="pyarrow<20"
MIN_MINOR=12

die() {
    echo "setup_validator: $*" >&2
    exit 1
}

[[ $# -eq 1 && -n "$1" ]] || die "usage: scripts/setup_validator.sh VENV_DIR"
venv_dir=$1

# Succeeds when "$@" runs a Python 3.<MIN_MINOR>+ interpreter.
is_recent_python() {
    "$@" -c "import sys; sys.exit(0 if sys.version_info >= (3, ${MIN_MINOR}) else 1)" \
        >/dev/null 2>&1
}

tried=()
python_cmd=()

try_candidate() {
    tried+=("$*")
    if is_recent_python "$@"; then
        python_cmd=("$@")
        return 0
    fi
    return 1
}

find_python() {
    if [[ -n "${FOCUS_VALIDATOR_PYTHON:-}" ]]; then
        try_candidate "$FOCUS_VALIDATOR_PYTHON" && return 0
        die "FOCUS_VALIDATOR_PYTHON=$FOCUS_VALIDATOR_PYTHON is not a Python >= 3.${MIN_MINOR}"
    fi
    local name
    for name in python3.12 python3.13 python3.14 python3; do
        if command -v "$name" >/dev/null 2>&1; then
            try_candidate "$name" && return 0
        fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        local root version
        root=$(pyenv root 2>/dev/null || true)
        # Bare "3.x.y" versions only (not 3.12-dev, conda, pypy): oldest minor, newest patch first.
        while IFS= read -r version; do
            [[ -x "$root/versions/$version/bin/python3" ]] || continue
            try_candidate "$root/versions/$version/bin/python3" && return 0
        done < <(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k2,2n -k3,3nr)
    fi
    if command -v uv >/dev/null 2>&1; then
        local found
        found=$(uv python find ">=3.${MIN_MINOR}" 2>/dev/null || true)
        [[ -n "$found" ]] && try_candidate "$found" && return 0
    fi
    return 1
}

if ! find_python; then
    die "no Python >= 3.${MIN_MINOR} found (tried: ${tried[*]:-nothing}); install one" \
        "(for example \`pyenv install 3.12\`) or set FOCUS_VALIDATOR_PYTHON=/path/to/python3.12"
fi

version=$("${python_cmd[@]}" -c 'import platform; print(platform.python_version())')
echo "setup_validator: using ${python_cmd[*]} (Python $version) for $venv_dir"

"${python_cmd[@]}" -m venv --clear "$venv_dir" || die "could not create the venv at $venv_dir"
"$venv_dir/bin/python" -m pip install --quiet --upgrade pip \
    || die "could not upgrade pip in $venv_dir"
"$venv_dir/bin/python" -m pip install --quiet "$VALIDATOR_SPEC" "$PYARROW_SPEC" \
    || die "could not install $VALIDATOR_SPEC and $PYARROW_SPEC into $venv_dir"
"$venv_dir/bin/python" -c "import focus_validator, pyarrow, numpy" \
    || die "the validator venv at $venv_dir does not import focus_validator"
[[ -x "$venv_dir/bin/focus-validator" ]] || die "no focus-validator entry point in $venv_dir/bin"

echo "setup_validator: $VALIDATOR_SPEC ready in $venv_dir"
