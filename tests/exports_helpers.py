"""Reading the admin's exports back as a French office opens them: CSV in UTF-8 with a byte order mark and `;`
between cells, XLSX with openpyxl."""

import csv
import io

import openpyxl

BYTE_ORDER_MARK = "\ufeff".encode()


def csv_bytes(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8", response["Content-Type"]
    return b"".join(response.streaming_content)


def office_csv_rows(content):
    """The rows of a CSV file's bytes, read with the `;` separator after its byte order mark (which must be
    there: without it Excel reads UTF-8 as Windows-1252)."""
    assert content.startswith(BYTE_ORDER_MARK), content[:20]
    text = content[len(BYTE_ORDER_MARK) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows[0]) > 1, f"one column only: not separated by ';'? {rows[0]}"
    return rows


def csv_rows(response):
    return office_csv_rows(csv_bytes(response))


def csv_records(response):
    """Each data row of a CSV export as {heading: cell}."""
    headings, *rows = csv_rows(response)
    return [dict(zip(headings, row, strict=True)) for row in rows]


def xlsx_sheet(response):
    assert response.status_code == 200, response.status_code
    assert "spreadsheetml" in response["Content-Type"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def xlsx_records(response):
    """Each data row of an XLSX export as {heading: cell}, cells as openpyxl reads them (value, number format)."""
    headings, *rows = list(xlsx_sheet(response).iter_rows())
    return [dict(zip([cell.value for cell in headings], row, strict=True)) for row in rows]
