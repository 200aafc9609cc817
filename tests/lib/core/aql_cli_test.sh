#!/bin/sh
# Runs the built fieldqc-office "aql" command: TSV output for known plans, a readable form,
# and exit status 2 with a message for bad arguments. Usage: aql_cli_test.sh [EMULATOR...] BIN
set -u
fails=0
check_out() { # expected-output args...
  want=$1; shift
  got=$("$@" 2>&1); rc=$?
  if [ $rc -ne 0 ] || [ "$got" != "$want" ]; then
    echo "FAIL: $* -> rc $rc"; echo "$got"; fails=$((fails + 1))
  fi
}
check_usage() { # args... : must exit 2 and say something on stderr
  err=$("$@" 2>&1 >/dev/null); rc=$?
  if [ $rc -ne 2 ] || [ -z "$err" ]; then
    echo "FAIL: $* -> rc $rc (want 2), stderr: $err"; fails=$((fails + 1))
  fi
}
H=$(printf 'code_letter\tplan_letter\tsample_size\tac\tre\tfull_inspection\tstandard')
check_out "$H
$(printf 'J\tJ\t80\t3\t4\t0\tiso')" "$@" aql --lot 1000 --level II --aql 1.5 --tsv
check_out "$H
$(printf 'B\tD\t8\t0\t1\t0\tiso')" "$@" aql --lot 20 --level I --aql 1.5 --mode normal --tsv
check_out "$H
$(printf 'G\tJ\t32\t1\t2\t0\tiso')" "$@" aql --lot 125 --level III --aql 1.0 --mode reduced --tsv
check_out "$H
$(printf 'Q\tS\t3150\t1\t2\t0\tiso')" "$@" aql --lot 600000 --level II --aql 0.025 --mode tightened --tsv
check_out "$H
$(printf 'B\tF\t10\t0\t1\t1\tiso')" "$@" aql --lot 10 --level II --aql 0.65 --tsv
# the same lot under Z1.4: H, n 20, 0/2 (issue 19); GB is ISO 2859-1:1999 by another name
check_out "$H
$(printf 'G\tH\t20\t0\t2\t0\tz14')" "$@" aql --lot 125 --level III --aql 1.0 --mode reduced --standard z14 --tsv
check_out "$H
$(printf 'L\tL\t80\t2\t3\t0\tiso')" "$@" aql --lot 2000 --level III --aql 0.65 --mode reduced --standard gb --tsv
check_out "$H
$(printf 'L\tL\t80\t1\t4\t0\tz14')" "$@" aql --lot 2000 --level III --aql 0.65 --mode reduced --standard z14 --tsv
gap=$("$@" aql --lot 2000 --level III --aql 0.65 --mode reduced --standard z14 2>&1)
case $gap in
  "ANSI/ASQ Z1.4-2008 single sampling, reduced inspection"*"between           2 to 3 defects: accept the lot, return to normal inspection"*) ;;
  *) echo "FAIL: Z1.4 readable form"; echo "$gap"; fails=$((fails + 1)) ;;
esac
readable=$("$@" aql --lot 20 --level I --aql 1.5 2>&1)
case $readable in
  "ISO 2859-1:1999 single sampling"*"followed the arrow from B"*"sample size       8"*) ;;
  *) echo "FAIL: readable form"; echo "$readable"; fails=$((fails + 1)) ;;
esac
check_usage "$@" aql --lot 1000 --level II --aql 2.0 --tsv
check_usage "$@" aql --lot 1 --level II --aql 2.5
check_usage "$@" aql --lot abc --level II --aql 2.5
check_usage "$@" aql --lot 1000 --level IV --aql 2.5
check_usage "$@" aql --lot 1000 --level II --aql 2.5 --mode relaxed
check_usage "$@" aql --lot 1000 --level II
check_usage "$@" aql --lot 1000 --level II --aql
check_usage "$@" aql --bogus
check_usage "$@" aql --lot 1000 --level II --aql 2.5 --standard mil
if [ $fails -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "aql office command: all checks passed"
