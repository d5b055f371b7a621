#!/usr/bin/env bash
# Create a virtualenv with the FinOps Foundation's focus-converter, for scripts/benchmark.py:
#   scripts/setup_converter.sh VENV_DIR
#
# focus-converter 1.0.0 leaves some dependencies open that later broke it, so multimethod and
# click are pinned below the releases that changed their APIs. Its README asks for the system
# library libmagic (Debian/Ubuntu: libmagic1); this script does not install system packages, it
# says what to run when the library is missing.
set -euo pipefail

CONVERTER_SPEC="focus-converter==1.0.0"
PINS=("multimethod<1.11" "click<8.2")
PYTHON=${FOCUS_CONVERTER_PYTHON:-python3}

die() {
    echo "setup_converter: $*" >&2
    exit 1
}

[[ $# -eq 1 && -n "$1" ]] || die "usage: scripts/setup_converter.sh VENV_DIR"
venv_dir=$1

command -v "$PYTHON" >/dev/null 2>&1 || die "no $PYTHON on PATH (set FOCUS_CONVERTER_PYTHON)"
echo "setup_converter: using $PYTHON ($("$PYTHON" --version 2>&1)) for $venv_dir"

"$PYTHON" -m venv --clear "$venv_dir" || die "could not create the venv at $venv_dir"
"$venv_dir/bin/python" -m pip install --quiet --upgrade pip \
    || die "could not upgrade pip in $venv_dir"
"$venv_dir/bin/python" -m pip install --quiet "$CONVERTER_SPEC" "${PINS[@]}" \
    || die "could not install $CONVERTER_SPEC ${PINS[*]} into $venv_dir"

# focus-converter's README asks for libmagic; 1.0.0 itself does not import python-magic, so a
# missing library is reported but only fatal when the CLI does not start.
libmagic_missing=0
if ! "$venv_dir/bin/python" -c "import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library('magic') else 1)"; then
    libmagic_missing=1
    echo "setup_converter: warning: the system library libmagic was not found. focus-converter's" \
        "README requires it; on Debian/Ubuntu run: sudo apt-get install -y libmagic1" \
        "(macOS: brew install libmagic)." >&2
fi
[[ -x "$venv_dir/bin/focus-converter" ]] || die "no focus-converter entry point in $venv_dir/bin"
if ! help_out=$("$venv_dir/bin/focus-converter" convert --help 2>&1); then
    if [[ $libmagic_missing -eq 1 ]] || grep -qi magic <<<"$help_out"; then
        die "'focus-converter convert --help' fails, most likely for want of libmagic: on" \
            "Debian/Ubuntu run: sudo apt-get install -y libmagic1, then run this script again." \
            "Output: ${help_out: -400}"
    fi
    die "'focus-converter convert --help' fails: ${help_out: -400}"
fi

echo "setup_converter: $CONVERTER_SPEC ready in $venv_dir"
