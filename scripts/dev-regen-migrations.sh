#!/usr/bin/env bash
# Development aid while the classification, training and drills modules are uncommitted work in progress:
# throws away every migration after 0006 and generates ONE migration (0007) for the current schema, then
# appends each module's hand-written SQL (src/modules/<module>/migration.sql; statements separated by
# lines reading `--> statement-breakpoint`). Safe only while nothing after 0006 has been committed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/mamoru-drizzle.lock
flock 9
python3 - <<'PY'
import json, os
p = 'drizzle/meta/_journal.json'
j = json.load(open(p))
for e in j['entries']:
    if e['idx'] > 6:
        for f in (f"drizzle/{e['tag']}.sql", f"drizzle/meta/{e['idx']:04d}_snapshot.json"):
            if os.path.exists(f):
                os.remove(f)
j['entries'] = [e for e in j['entries'] if e['idx'] <= 6]
open(p, 'w').write(json.dumps(j, indent=2) + '\n')
PY
npx drizzle-kit generate --name=modules </dev/null
f=$(ls drizzle/0007_*.sql 2>/dev/null || true)
if [ -n "$f" ]; then
  for s in src/modules/classification/migration.sql src/modules/training/migration.sql src/modules/drills/migration.sql; do
    if [ -f "$s" ]; then printf '\n--> statement-breakpoint\n' >>"$f"; cat "$s" >>"$f"; fi
  done
  echo "regenerated $f"
fi
