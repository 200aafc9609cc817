#!/bin/sh
# Proves the policy check can fail: fake trees where core includes SDL, ui includes the store
# or sqlite, the services speak SQL, the bundle format reaches into the store, or a new
# folder has no rule must be rejected, and a clean tree accepted.
set -u
CHECK=$1; DIR=$2
rm -rf "$DIR"; mkdir -p "$DIR/lib/core" "$DIR/device/ui" "$DIR/lib/store" "$DIR/device/services" "$DIR/lib/bundle"
printf '#include <stdio.h>\n#include "core/model.h"\n' > "$DIR/lib/core/ok.c"
printf '#include <sqlite3.h>\n#include "core/err.h"\n' > "$DIR/lib/store/ok.c"
printf '#include "store/store.h"\n#include "bundle/bundle.h"\n' > "$DIR/device/services/ok.c"
if ! sh "$CHECK" "$DIR"; then echo "selftest: clean tree rejected"; exit 1; fi
reject() { # file text what
  printf "$2" > "$1"
  if sh "$CHECK" "$DIR" > /dev/null; then echo "selftest: $3 was accepted"; exit 1; fi
  rm -f "$1"
}
reject "$DIR/lib/core/bad.c" '#include <SDL2/SDL.h>\n' "core including SDL"
reject "$DIR/device/ui/bad.c" '#include "store/store.h"\n' "ui including the store"
reject "$DIR/device/ui/bad.c" '#include <sqlite3.h>\n' "ui including sqlite"
reject "$DIR/device/services/bad.c" '#include <sqlite3.h>\n' "services speaking SQL"
reject "$DIR/lib/bundle/bad.c" '#include "store/store.h"\n' "the bundle format including the store"
reject "$DIR/device/services/bad.c" '#include "store/store_testing.h"\n' "services reaching the raw store handle"
mkdir -p "$DIR/lib/newmod"
reject "$DIR/lib/newmod/x.c" '#include <stdio.h>\n' "a folder without a rule"
echo "selftest: policy check rejects forbidden includes"
