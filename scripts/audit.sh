#!/usr/bin/env bash
# npm audit of the production dependencies: fails on high or critical findings. Where the registry offers no
# audit endpoint (this workplace's mirror answers 405), say so plainly instead of failing or passing silently.
out=$(npm audit --omit=dev --audit-level=high 2>&1); rc=$?
echo "$out" | grep -v 'Unknown .*config "nodedir"'
if [ $rc -ne 0 ] && echo "$out" | grep -q "audit endpoint returned an error"; then
  echo "npm audit: the registry has no audit endpoint here; production dependencies NOT audited on this machine"
  exit 0
fi
exit $rc
