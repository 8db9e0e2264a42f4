"""Reading the spreadsheets people upload (CSV in UTF-8 or GBK, as Excel saves it in
China, and .xlsx) into rows of text, with errors that say what is wrong with the file."""

import csv
import io
from typing import IO

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from crm.core.errors import ValidationFailed

MAX_ROWS = 5000
_ENCODINGS = ("utf-8-sig", "gb18030")


def read_rows(upload: IO[bytes], name: str) -> list[dict[str, str]]:
    """The data rows of the first sheet (or the CSV) as {header: text}; blank rows dropped.
    Refuses a file of another kind, without a header row, or longer than MAX_ROWS rows."""
    content = upload.read()
    if name.lower().endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.lower().endswith(".csv"):
        table = _csv_table(content)
    else:
        raise ValidationFailed("请上传 .xlsx 或 .csv 文件", fields={"file": ["只支持 .xlsx 和 .csv 文件"]})
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ValidationFailed("文件是空的", fields={"file": ["第一行应为表头，之后每行一位客户"]})
    header = [cell.strip() for cell in table[0]]
    rows = table[1:]
    if len(rows) > MAX_ROWS:
        message = f"一次最多导入 {MAX_ROWS} 行，文件有 {len(rows)} 行"
        raise ValidationFailed(message, fields={"file": [message]})
    return [
        {header[i]: (row[i].strip() if i < len(row) else "") for i in range(len(header)) if header[i]} for row in rows
    ]


def _csv_table(content: bytes) -> list[list[str]]:
    for encoding in _ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(io.StringIO(text)))
    raise ValidationFailed("无法识别文件编码", fields={"file": ["请以 UTF-8 或 GBK 编码保存 CSV"]})


def _xlsx_table(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ValidationFailed("无法读取该 Excel 文件", fields={"file": ["文件已损坏或不是 .xlsx 格式"]}) from error
    sheet = workbook.worksheets[0]
    table = [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed into Excel come back as 13800138000.0
    return str(value)
