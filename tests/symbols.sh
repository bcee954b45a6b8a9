#!/usr/bin/env bash
# symbols.sh NM LIBRARY... — every external symbol a library defines carries
# the pvi_ prefix (internal ones shared between files are pvi_<module>__…),
# so that linking libpvi into a program can never clash with another
# library's names. Symbols the toolchain adds on its own (AddressSanitizer's
# __odr_asan.<name> for each global <name>) are judged by the name they stand
# for. Prints TAP; exits 1 when a symbol is misnamed or a library has none.
set -euo pipefail
nm=$1
shift
n=0
failures=0
for lib in "$@"; do
	n=$((n + 1))
	# "lib.a:object.o:address type name" for each defined external symbol
	listing=$("$nm" -A -g --defined-only "$lib")
	count=$(awk 'NF == 3' <<<"$listing" | wc -l)
	bad=$(awk 'NF == 3 {
		name = $3
		sub(/^__odr_asan\./, "", name)
		if (name !~ /^pvi_/) {
			object = $1
			sub(/:[0-9a-fA-F]+$/, "", object)
			sub(/^.*\//, "", object)
			print "#   " $3 " (" object ")"
		}
	}' <<<"$listing")
	if ((count == 0)); then
		failures=$((failures + 1))
		echo "not ok $n - $lib defines no symbol at all"
	elif [[ -n $bad ]]; then
		failures=$((failures + 1))
		echo "not ok $n - $lib: external symbols without the pvi_ prefix:"
		echo "$bad"
	else
		echo "ok $n - $lib: $count external symbols, all pvi_*"
	fi
done
echo "1..$n"
((failures == 0))
