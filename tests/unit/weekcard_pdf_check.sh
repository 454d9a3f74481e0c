#!/bin/sh
# weekcard_pdf_check.sh - render the week card of a fixed week (no database)
# in Dutch, Arabic and Tigrinya with test_weekcard_pdf, then read the PDFs
# back with poppler-utils, as a reader would: one A4 page, every font
# embedded (the Arabic and Ethiopic ones where needed), the Dutch day names,
# the clock times and the addresses extractable as text, the Tigrinya day
# names too, and a page that renders to a non-empty image.
#
# usage: weekcard_pdf_check.sh <test_weekcard_pdf binary> <output dir>
set -eu

bin=$1
out=$2
mkdir -p "$out"
"$bin" --out "$out" >/dev/null

fail() {
	echo "weekcard_pdf_check: $*" >&2
	exit 1
}

for lang in nl ar ti; do
	pdf="$out/weekcard-$lang.pdf"
	[ -s "$pdf" ] || fail "$pdf was not written"
	info=$(pdfinfo "$pdf" 2>/dev/null)
	echo "$info" | grep -Eq '^Pages: +1$' || fail "$lang: not one page: $(echo "$info" | grep Pages)"
	echo "$info" | grep -Eq '^Page size: .*\(A4\)' || fail "$lang: not A4: $(echo "$info" | grep 'Page size')"

	fonts=$(pdffonts "$pdf" 2>/dev/null | tail -n +3)
	[ -n "$fonts" ] || fail "$lang: no fonts"
	# columns: name type encoding emb sub uni object id; emb is the 4th from the end
	echo "$fonts" | awk '{ if ($(NF-4) != "yes") { print; bad = 1 } } END { exit bad }' >/dev/null ||
		fail "$lang: a font is not embedded: $fonts"

	text=$(pdftotext -layout "$pdf" - 2>/dev/null)
	for word in maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ochtend middag avond \
		"Week 10" "03-03-2025" "08:30" "16:30" "09:00" "11:30" "13:00" "15:30" "18:00" "22:00" \
		"Industrieweg 5, Naaldwijk" "Stationsplein 12" "Havenstraat 1" "Amina Yusuf"; do
		echo "$text" | grep -qF -- "$word" || fail "$lang: \"$word\" is not in the text of the PDF"
	done

	pdftoppm -png -r 50 -singlefile "$pdf" "$out/weekcard-$lang" 2>/dev/null
	[ "$(wc -c <"$out/weekcard-$lang.png")" -gt 5000 ] || fail "$lang: the rendered page is empty"
done

pdffonts "$out/weekcard-ar.pdf" 2>/dev/null | grep -q 'NotoSansArabic' || fail "ar: the Arabic font is not embedded"
pdffonts "$out/weekcard-ti.pdf" 2>/dev/null | grep -q 'NotoSansEthiopic' || fail "ti: the Ethiopic font is not embedded"
pdffonts "$out/weekcard-nl.pdf" 2>/dev/null | grep -qE 'Arabic|Ethiopic' && fail "nl: embeds fonts it does not use"

ti=$(pdftotext "$out/weekcard-ti.pdf" - 2>/dev/null)
for word in ሰኑይ ሰሉስ ረቡዕ ሓሙስ ዓርቢ ቀዳም ሰንበት ንግሆ ምሸት; do
	echo "$ti" | grep -qF "$word" || fail "ti: \"$word\" is not in the text of the PDF"
done
# Arabic comes out of pdftotext as joined presentation forms; check the
# extracted day names after compatibility normalisation, in either order
python3 - "$out/weekcard-ar.pdf" <<'PY' || fail "ar: the Arabic day names are not in the text of the PDF"
import subprocess, sys, unicodedata
text = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout
norm = unicodedata.normalize("NFKC", text)
missing = [w for w in ["الاثنين", "الثلاثاء", "الخميس", "الجمعة", "السبت", "الأحد"]
           if w not in norm and w[::-1] not in norm]
if missing:
    print("missing:", missing, file=sys.stderr)
    sys.exit(1)
PY
echo "weekcard_pdf_check: nl, ar and ti OK"
