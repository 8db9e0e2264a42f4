"""A performance report as a file: an Excel workbook (overview, trend with its chart, the
unit side by side, the main changes) or a PDF with the same content, in Chinese."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from crm.analytics.models import PerformanceReport

HEADLINE_NAMES = {
    "sales_amount": "销售额（元）",
    "sales_order_count": "成交订单数",
    "order_count": "订单数",
    "cancelled_count": "取消订单数",
    "developed": "新客户开发数量",
    "converted": "新客户成交数量",
}
DRIVER_NAMES = {"reps": "销售员", "products": "产品", "customers": "客户"}
BREAKDOWN_NAMES = {"rep": "销售员", "group": "销售组"}
FONT = "STSong-Light"  # a CID font reportlab carries itself: Chinese without font files


def _rate(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value) * 100:+.1f}%"


def _percent(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value) * 100:.1f}%"


def _period_text(report: PerformanceReport) -> str:
    figures = report.figures
    previous = figures["previous_period"]
    return (
        f"{figures['period']['start']} 至 {report.end - timedelta(days=1)}"
        f"（对比上期 {previous['start']} 起）；数据截至 {report.figures_at:%Y-%m-%d %H:%M}"
    )


def _headline_rows(report: PerformanceReport) -> list[list[str]]:
    headlines = report.figures["headlines"]
    rows = [["指标", "本期", "上期", "变化", "变化率"]]
    for name, label in HEADLINE_NAMES.items():
        figure = headlines[name]
        rows.append([label, figure["current"], figure["previous"], figure["change"], _rate(figure["rate"])])
    conversion = report.figures["conversion_rate"]
    rows.append(["新客户转化率", _percent(conversion["current"]), _percent(conversion["previous"]), "", ""])
    return rows


def _driver_rows(drivers: list[dict[str, Any]]) -> list[list[str]]:
    rows = [["名称", "本期销售额", "上期销售额", "变化", "变化率"]]
    rows += [[row["name"], row["current"], row["previous"], row["change"], _rate(row["rate"])] for row in drivers]
    return rows


def write_report_xlsx(path: Path, report: PerformanceReport) -> None:
    figures = report.figures
    workbook = Workbook()
    overview = workbook.active
    assert overview is not None
    overview.title = "概览"
    overview.append([report.title])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([_period_text(report)])
    overview.append([])
    for row in _headline_rows(report):
        overview.append(_cells(row))
    overview.append([])
    overview.append(["业绩总结"])
    overview.append([report.summary or "（未填写）"])
    overview.append(["下一步计划"])
    overview.append([report.plan or "（未填写）"])
    overview.column_dimensions["A"].width = 18

    trend = workbook.create_sheet("趋势")
    trend.append(["开始日期", "销售额", "订单数"])
    for point in figures["series"]:
        trend.append([point["start"], Decimal(point["sales_amount"]), point["order_count"]])
    if figures["series"]:
        chart = BarChart()
        chart.title = "销售额趋势"
        chart.add_data(
            Reference(trend, min_col=2, min_row=1, max_row=len(figures["series"]) + 1), titles_from_data=True
        )
        chart.set_categories(Reference(trend, min_col=1, min_row=2, max_row=len(figures["series"]) + 1))
        trend.add_chart(chart, "E2")

    side = workbook.create_sheet(BREAKDOWN_NAMES.get(figures["breakdown_by"], "对比"))
    side.append(["排名", "名称", "销售额", "成交订单数", "新客户开发", "新客户成交"])
    for row in figures["breakdown"]:
        side.append(
            [
                row["rank"],
                row["name"],
                Decimal(row["sales_amount"]),
                row["sales_order_count"],
                row["developed"],
                row["converted"],
            ]
        )

    changes = workbook.create_sheet("主要变化")
    for kind, label in DRIVER_NAMES.items():
        changes.append([f"{label}：变化最大的前 {len(figures['drivers'][kind])} 位"])
        for row in _driver_rows(figures["drivers"][kind]):
            changes.append(_cells(row))
        changes.append([])
    workbook.save(path)


def _cells(row: list[str]) -> list[Any]:
    """Amounts as numbers (Excel sums them), the rest as written."""
    cells: list[Any] = []
    for cell in row:
        try:
            cells.append(Decimal(cell) if cell and not cell.endswith("%") else cell)
        except ArithmeticError:
            cells.append(cell)
    return cells


def write_report_pdf(path: Path, report: PerformanceReport) -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=4 * mm)
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=12, leading=18, spaceBefore=4 * mm, spaceAfter=2 * mm)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=15)
    figures = report.figures
    story: list[Any] = [
        Paragraph(report.title, title),
        Paragraph(_period_text(report), body),
        Paragraph("核心指标", heading),
        _table(_headline_rows(report)),
        Paragraph("销售额趋势", heading),
        _trend_chart(figures["series"]),
        Paragraph(f"{BREAKDOWN_NAMES.get(figures['breakdown_by'], '对比')}业绩对比", heading),
        _table(
            [["排名", "名称", "销售额", "成交订单数", "新客户开发", "新客户成交"]]
            + [
                [
                    str(row["rank"]),
                    row["name"],
                    row["sales_amount"],
                    str(row["sales_order_count"]),
                    str(row["developed"]),
                    str(row["converted"]),
                ]
                for row in figures["breakdown"]
            ]
        ),
        Paragraph("主要变化", heading),
    ]
    for kind, label in DRIVER_NAMES.items():
        story += [Paragraph(label, body), _table(_driver_rows(figures["drivers"][kind])), Spacer(1, 2 * mm)]
    story += [
        Paragraph("业绩总结", heading),
        Paragraph(_paragraph(report.summary), body),
        Paragraph("下一步计划", heading),
        Paragraph(_paragraph(report.plan), body),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title=report.title, leftMargin=16 * mm, rightMargin=16 * mm).build(story)


def _paragraph(text: str) -> str:
    escaped = (text or "（未填写）").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br/>")


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ecf5ff")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#dcdfe6")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _trend_chart(series: list[dict[str, Any]]) -> Drawing:
    drawing = Drawing(170 * mm, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 8 * mm, 150 * mm, 46 * mm
    chart.data = [[float(Decimal(point["sales_amount"])) for point in series] or [0.0]]  # drawing coordinates
    chart.categoryAxis.categoryNames = [point["start"][5:] for point in series] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontSize = 6
    chart.bars[0].fillColor = colors.HexColor("#409eff")
    drawing.add(chart)
    return drawing
