#!/usr/bin/env bash
# A real company's public risk register, imported with its own method
# written as isms.yaml (tests/data/hack23). The expected findings are
# computed here, independently of isms, from the CSV itself: score =
# 20 x probability x impact, with the method's bands.
. "$(dirname "$0")/lib.sh"

real=${ISMS_REAL_INPUTS:-}
if [ -z "$real" ]; then
	echo "skip: ISMS_REAL_INPUTS is not set, so the real register is not tested"
	exit 0
fi
csv="$real/hack23/risk-register.csv"
[ -f "$csv" ] || fail "no register at '$csv'"

new_repo hack23
cp "$project/tests/data/hack23/isms.yaml" .

run_isms import csv "$csv" --map "$project/tests/data/hack23/map.yaml"
expect_status 0
rows=$(perl -ne 'print if $. > 1 && /\S/' "$csv" | wc -l)
written=$(printf '%s\n' "$out" | grep -c '^risks/RSK-.*\.md$')
[ "$written" -eq "$rows" ] || fail "imported $written files for $rows rows"
expect_err "[import-unreadable-value]"

# The register writes impact on its own 1 to 5 scale ("n/5"), yet some
# rows write 6: each is reported with its CSV line.
perl -ne 'if ($. > 1) { my @c = split /,/; print "$.\n" if $c[5] =~ /^\d+$/ && $c[5] > 5 }' "$csv" >"$scratch/outside"
[ -s "$scratch/outside" ] || fail "no row above the sheet's scale; the test expects one"
while read -r line; do
	expect_err "risk-register.csv:$line: warning: '6' in column 'impact' is above the sheet's own 1 to 5 scale"
done <"$scratch/outside"
found=$(printf '%s\n' "$err" | grep -c '\[import-outside-sheet-scale\]')
[ "$found" -eq "$(wc -l <"$scratch/outside")" ] || fail "expected $(wc -l <"$scratch/outside") scale findings, got $found"

# Expected contradictions, one line per row: "<sheet id> score|level".
perl -e '
	my @bands = ([400, "critical"], [200, "high"], [100, "medium"],
	    [50, "low"], [1, "minimal"]);
	open(my $f, "<", $ARGV[0]) or die;
	my $header = <$f>;
	while (my $line = <$f>) {
		my @cells;
		while ($line =~ /\G(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/g) {
			my $v = defined $1 ? $1 : $2;
			$v =~ s/""/"/g;
			push @cells, $v;
			last if $3 ne ",";
		}
		my ($id, $p, $i, $score, $level) = @cells[0, 4, 5, 6, 7];
		my $computed = 20 * $p * $i;
		my ($band) = map { $_->[1] } grep { $computed >= $_->[0] } @bands;
		print "$id score\n" if $computed != $score;
		print "$id level\n" if $band ne lc $level;
	}' "$csv" | sort >"$scratch/expected"
[ -s "$scratch/expected" ] || fail "the register follows its method everywhere; the test expects contradictions"

run_isms check --today 2026-12-04
expect_status 1

# Map each finding back to the sheet's id through external_id.
printf '%s\n' "$out" | perl -ne '
	next unless m{^(risks/\S+?\.md):\d+:\d+: error: .*\[risk-(score|level)-mismatch\]};
	my ($file, $what) = ($1, $2);
	open(my $f, "<", $file) or die;
	while (<$f>) { if (/^external_id: (\S+)/) { print "$1 $what\n"; last } }
' | sort >"$scratch/found"
diff -u "$scratch/expected" "$scratch/found" || fail "score and level findings differ from the method"

# Every review date in the sheet that lies before the day is overdue.
overdue=$(perl -ne 'print "$1\n" if $. > 1 && /,(\d{4}-\d\d-\d\d)\s*$/ && $1 lt "2026-12-04"' "$csv" | wc -l)
found=$(printf '%s\n' "$out" | grep -c '\[risk-review-overdue\]')
[ "$found" -eq "$overdue" ] || fail "expected $overdue overdue reviews, found $found"

# The register reproduces each level the company wrote where it follows
# its method, and prints the stamp.
run_isms register --today 2026-12-04 --format csv
expect_status 1
expect_out "isms.yaml blob"
perl -e '
	my %wrong = map { chomp; my ($id) = split / /; ($id => 1) } `cat $ARGV[0]`;
	open(my $f, "<", $ARGV[1]) or die;
	<$f>;
	while (my $line = <$f>) {
		my ($id) = $line =~ /^([^,]+),/;
		my @c = $line =~ /,(\d),(\d),(\d+),([A-Za-z]+),/;
		print "$id ", lc $c[3], "\n" unless $wrong{$id};
	}' "$scratch/expected" "$csv" | sort >"$scratch/levels_expected"
for f in risks/*.md; do
	ext=$(sed -n 's/^external_id: //p' "$f")
	id=$(sed -n 's/^id: //p' "$f")
	level=$(printf '%s\n' "$out" | awk -F, -v id="$id" '$2 == id { print $6 }')
	grep -q "^$ext " "$scratch/levels_expected" || continue
	printf '%s %s\n' "$ext" "${level%% *}"
done | sort >"$scratch/levels_found"
diff -u "$scratch/levels_expected" "$scratch/levels_found" || fail "register levels differ from the sheet"
