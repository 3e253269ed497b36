#!/usr/bin/env python3
"""Make the Shift_JIS and Excel copies of the synthetic sample inventory.

Reads the two UTF-8 CSV files in inputs/sample-city/ and writes

* inputs/sample-city-sjis/meetings.csv and agencies.csv: the same text encoded as
  CP932 (Shift_JIS as Windows writes it), records ending in CRLF as Excel on Windows
  writes them. Line breaks inside quoted cells stay LF, as Excel writes an Alt+Enter
  break. Nothing else changes: no re-quoting, no re-ordering.
* inputs/sample-city.xlsx: one workbook, sheet 会議 (meetings) then sheet 機関
  (agencies), header row first, every non-blank cell a string exactly as in the CSV
  (line breaks included). Blank CSV cells are left as empty cells, as Excel does.

The workbook is written with fixed timestamps so that rerunning the script on
unchanged CSV files gives byte-identical output (no spurious diffs in git).

Each copy is read back and compared with the source before the script reports
success; any mismatch or any character CP932 cannot encode is an error (exit 1).

Run from anywhere:  scripts/.venv/bin/python scripts/sample/make_copies.py
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

try:
    import openpyxl
    from openpyxl.styles import Alignment
except ImportError:  # pragma: no cover - message for people without the venv
    sys.exit(
        "make_copies.py needs openpyxl: python3 -m venv scripts/.venv && "
        "scripts/.venv/bin/pip install openpyxl"
    )

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "inputs" / "sample-city"
SJIS_DIR = REPO / "inputs" / "sample-city-sjis"
XLSX = REPO / "inputs" / "sample-city.xlsx"
# (csv file name, sheet name)
FILES = [("meetings.csv", "会議"), ("agencies.csv", "機関")]
# Fixed time written into the workbook's properties and zip entries.
FIXED_W3CDTF = "2024-04-01T00:00:00Z"
FIXED_ZIP_TIME = (2024, 4, 1, 0, 0, 0)


class CopyError(Exception):
    """A copy could not be made faithfully."""


def read_utf8(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise CopyError(f"{path}: starts with a UTF-8 BOM; the source must have none")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CopyError(f"{path}: not valid UTF-8 ({err})") from err


def records_to_crlf(text: str) -> str:
    """Ends every record with CRLF; leaves line breaks inside quoted cells as they are.

    Walks the text tracking RFC 4180 quote state: a doubled quote inside a quoted
    cell toggles the state twice, so it needs no special case.
    """
    out: list[str] = []
    in_quotes = False
    previous = ""
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == "\n" and not in_quotes and previous != "\r":
            out.append("\r")
        out.append(ch)
        previous = ch
    if in_quotes:
        raise CopyError("unbalanced quotes: the file ends inside a quoted cell")
    return "".join(out)


def encode_cp932(text: str, path: Path) -> bytes:
    try:
        return text.encode("cp932")
    except UnicodeEncodeError as err:
        bad = text[err.start : err.end]
        line = text.count("\n", 0, err.start) + 1
        raise CopyError(
            f"{path}: {bad!r} (U+{ord(bad[0]):04X}) on line {line} cannot be written in "
            "CP932; replace it in the UTF-8 source (for example U+301C 〜 with U+FF5E ～)"
        ) from err


def parse_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def write_sjis(name: str, text: str) -> None:
    target = SJIS_DIR / name
    data = encode_cp932(records_to_crlf(text), target)
    SJIS_DIR.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    back = target.read_bytes().decode("cp932")
    if back.replace("\r\n", "\n") != text.replace("\r\n", "\n"):
        raise CopyError(f"{target}: text differs from the source after the round trip")
    if parse_rows(back) != parse_rows(text):
        raise CopyError(f"{target}: cells differ from the source after the round trip")


def fill_sheet(ws, rows: list[list[str]]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # never a formula or number, even for "=..." or "60"
            if "\n" in value:
                cell.alignment = wrap
    ws.freeze_panes = "A2"


def deterministic(xlsx_bytes: bytes) -> bytes:
    """Rewrites the zip with fixed entry times and fixed created/modified properties."""
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag} ")
                    if start != -1:
                        open_end = text.index(">", start) + 1
                        close = text.index(f"</{tag}>", open_end)
                        text = text[:open_end] + FIXED_W3CDTF + text[close:]
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def write_xlsx(tables: dict[str, list[list[str]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for _, sheet in FILES:
        fill_sheet(wb.create_sheet(sheet), tables[sheet])
    buffer = io.BytesIO()
    wb.save(buffer)
    XLSX.write_bytes(deterministic(buffer.getvalue()))

    back = openpyxl.load_workbook(XLSX)
    if back.sheetnames != [sheet for _, sheet in FILES]:
        raise CopyError(f"{XLSX}: sheets are {back.sheetnames}")
    for _, sheet in FILES:
        expected = tables[sheet]
        ws = back[sheet]
        width = max(len(row) for row in expected)
        got = [
            ["" if v is None else v for v in row]
            for row in ws.iter_rows(
                min_row=1, max_row=len(expected), max_col=width, values_only=True
            )
        ]
        padded = [row + [""] * (width - len(row)) for row in expected]
        if got != padded or ws.max_row != len(expected):
            raise CopyError(f"{XLSX}: sheet {sheet} differs from the CSV after the round trip")
        if any(not isinstance(v, str) for row in got for v in row):
            raise CopyError(f"{XLSX}: sheet {sheet} has a cell that is not a string")


def main() -> int:
    try:
        tables: dict[str, list[list[str]]] = {}
        for name, sheet in FILES:
            text = read_utf8(SOURCE / name)
            write_sjis(name, text)
            tables[sheet] = parse_rows(text)
        write_xlsx(tables)
    except CopyError as err:
        print(f"make_copies: {err}", file=sys.stderr)
        return 1
    for name, sheet in FILES:
        rows = len(tables[sheet]) - 1
        print(f"{(SJIS_DIR / name).relative_to(REPO)}: {rows} rows, CP932, CRLF")
    print(
        f"{XLSX.relative_to(REPO)}: sheets "
        + ", ".join(f"{sheet} ({len(tables[sheet]) - 1} rows)" for _, sheet in FILES)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
