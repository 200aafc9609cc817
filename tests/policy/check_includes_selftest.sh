#!/bin/sh
# Proves the policy check can fail: a fake tree where core includes SDL and ui includes
# sqlite must be rejected, and a clean tree accepted.
set -u
CHECK=$1; DIR=$2
rm -rf "$DIR"; mkdir -p "$DIR/app/core" "$DIR/app/ui" "$DIR/app/store"
printf '#include <stdio.h>\n#include "core/model.h"\n' > "$DIR/app/core/ok.c"
printf '#include <sqlite3.h>\n#include "core/err.h"\n' > "$DIR/app/store/ok.c"
if ! sh "$CHECK" "$DIR"; then echo "selftest: clean tree rejected"; exit 1; fi
printf '#include <SDL2/SDL.h>\n' > "$DIR/app/core/bad.c"
if sh "$CHECK" "$DIR"; then echo "selftest: core including SDL was accepted"; exit 1; fi
rm "$DIR/app/core/bad.c"
printf '#include "store/store.h"\n' > "$DIR/app/ui/bad.c"
if sh "$CHECK" "$DIR"; then echo "selftest: ui including store was accepted"; exit 1; fi
rm "$DIR/app/ui/bad.c"
printf '#include <sqlite3.h>\n' > "$DIR/app/ui/bad.c"
if sh "$CHECK" "$DIR"; then echo "selftest: ui including sqlite was accepted"; exit 1; fi
echo "selftest: policy check rejects forbidden includes"
