"""Edits a clerks' workbook (from `widget-publish workbook`) as a clerk's spreadsheet would, with
openpyxl, a spreadsheet library independent of ours. The figures it writes are synthetic, for
tests only, and never shipped.

  edit_workbook.py IN OUT [--set SHEET ROW_ID HEADING VALUE]... [--formula SHEET ROW_ID HEADING FORMULA]...
                   [--append SHEET JSON]... [--fill SHEET HEADING TEXT]... [--csv DIR]

A row is found by its id in the first column (検証指標) or any column; a column by its heading.
--append adds a row at the end of SHEET, JSON naming each cell by its heading: {"heading": value}.
--fill writes TEXT and the row's number into every empty cell of a column (a blank workbook's texts).
VALUE is written as a number when it reads as one, else as text. A formula is saved without a
result, as openpyxl always saves them. --csv also writes one CSV per sheet into DIR, in
Shift_JIS (CP932) as Japanese Excel saves "CSV (コンマ区切り)", or UTF-8 with BOM for a sheet
with characters Shift_JIS lacks.
"""
import csv
import io
import json
import os
import sys

import openpyxl


def cell_of(ws, row_id, heading):
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == heading)
    row = next(r for r in range(2, ws.max_row + 1) if row_id in [ws.cell(r, c).value for c in range(1, ws.max_column + 1)])
    return ws.cell(row, col)


def main(argv):
    src, dst, rest = argv[0], argv[1], argv[2:]
    wb = openpyxl.load_workbook(src)
    csv_dir = None
    while rest:
        flag = rest.pop(0)
        if flag == '--set':
            sheet, row_id, heading, value = rest[:4]
            del rest[:4]
            try:
                value = float(value) if '.' in value else int(value)
            except ValueError:
                pass
            cell_of(wb[sheet], row_id, heading).value = value
        elif flag == '--formula':
            sheet, row_id, heading, formula = rest[:4]
            del rest[:4]
            cell_of(wb[sheet], row_id, heading).value = formula
        elif flag == '--append':
            sheet, cells = rest[0], json.loads(rest[1])
            del rest[:2]
            ws = wb[sheet]
            row = ws.max_row + 1
            for heading, value in cells.items():
                col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == heading)
                ws.cell(row, col).value = value
        elif flag == '--fill':
            sheet, heading, text = rest[:3]
            del rest[:3]
            ws = wb[sheet]
            col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == heading)
            for row in range(2, ws.max_row + 1):
                if ws.cell(row, col).value in (None, ''):
                    ws.cell(row, col).value = f'{text}{row}'
        elif flag == '--csv':
            csv_dir = rest.pop(0)
        else:
            raise SystemExit(f'unknown option {flag}')
    wb.save(dst)
    if csv_dir:
        os.makedirs(csv_dir, exist_ok=True)
        for ws in wb.worksheets:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator='\r\n')
            for row in ws.iter_rows(values_only=True):
                writer.writerow(['' if v is None else v for v in row])
            text = out.getvalue()
            try:
                data = text.encode('cp932')
            except UnicodeEncodeError:
                data = '\ufeff'.encode('utf-8') + text.encode('utf-8')
            with open(os.path.join(csv_dir, ws.title + '.csv'), 'wb') as f:
                f.write(data)


if __name__ == '__main__':
    main(sys.argv[1:])
