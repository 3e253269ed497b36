#!/usr/bin/env bash
# Makes the README's pictures of the sample city's report, as its readers see it:
#   docs/report.png               report.html in a desktop browser (first screen)
#   docs/report-narrow.png        report.html's meeting table on a 420 px wide phone (it
#                                 scrolls sideways in its frame)
#   docs/report-print-summary.png report.html printed on A4: the one-page summary
#   docs/report-docx-1.png, -2.png report.docx pages 1 and 2, printed by LibreOffice Writer
#   docs/tables-xlsx.png          tables.xlsx, the meeting sheet's first printed page (Calc)
# and prints the page count and size of each printed file (pdfinfo).
#
# Installs what it needs from Debian only when missing: chromium, LibreOffice Writer and
# Calc, the Noto CJK fonts, poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

out=outputs/sample-city
# KAIGI=path/to/kaigi uses a binary already built instead of a release build.
if [ -n "${KAIGI:-}" ]; then
  "$KAIGI" report inputs/sample-city --out "$out" --lang "${KAIGI_LANG:-ja}"
else
  cargo run --release --quiet -- report inputs/sample-city --out "$out" --lang "${KAIGI_LANG:-ja}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p docs

browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/chromium" "$@" 2>/dev/null
}
page() { # page PDF NUMBER PNG: one page of a PDF at 80 dpi
  pdftoppm -r 80 -png -singlefile -f "$2" -l "$2" "$1" "${3%.png}"
}
report="file://$PWD/$out/report.html"

browser --window-size=1200,1500 --screenshot="$PWD/docs/report.png" "$report"
# Headless Chromium paints nothing when the page itself is opened at an anchor; an
# iframe scrolled to the meeting table shows what a phone shows.
cat >"$work/narrow.html" <<HTML
<!DOCTYPE html><html><body style="margin:0"><iframe src="$report#meetings"
 style="border:0;width:420px;height:900px"></iframe></body></html>
HTML
browser --allow-file-access-from-files --window-size=420,900 \
  --screenshot="$PWD/docs/report-narrow.png" "file://$work/narrow.html"
browser --no-pdf-header-footer --print-to-pdf="$work/report-html.pdf" "$report"
page "$work/report-html.pdf" 1 docs/report-print-summary.png

office() { # office FILE: converts to PDF in $work with a throwaway profile
  soffice --headless -env:UserInstallation="file://$work/office" \
    --convert-to pdf --outdir "$work" "$1" >/dev/null 2>&1
}
office "$out/report.docx"
page "$work/report.pdf" 1 docs/report-docx-1.png
page "$work/report.pdf" 2 docs/report-docx-2.png
office "$out/tables.xlsx"
page "$work/tables.pdf" 1 docs/tables-xlsx.png

for pdf in "$work"/*.pdf; do
  echo "$(basename "$pdf"): $(pdfinfo "$pdf" | awk '/^Pages/{p=$2} /^Page size/{sub(/^Page size: */,""); s=$0} END{print p" pages, "s}')"
done
echo "wrote docs/report.png docs/report-narrow.png docs/report-print-summary.png docs/report-docx-1.png docs/report-docx-2.png docs/tables-xlsx.png"
