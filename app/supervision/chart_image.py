"""Geometry of a bar chart (app.supervision.charts) and its PNG rendering. The page's SVG template and the PNG
use the same :func:`layout`: a title, one labelled bar per department with its value, an x axis with ticks
and tick labels and the axis name."""
import io
import logging
import os

from flask import current_app
from PIL import Image, ImageDraw, ImageFont

from app.documents.fonts import CANDIDATES

logger = logging.getLogger(__name__)

LABEL_W, PLOT_W, VALUE_W = 150, 320, 90
TOP, BAR_H, GAP, AXIS_H = 34, 18, 8, 44
COLOURS = {"on_time": "#2e7d32", "overdue": "#c62828", "ratings": "#1565c0", "online": "#6a1b9a"}


def layout(chart: dict) -> dict:
    bars = []
    for index, bar in enumerate(chart["bars"]):
        y = TOP + index * (BAR_H + GAP)
        share = 0 if bar["value"] is None else min(bar["value"] / chart["peak"], 1)
        bars.append({**bar, "y": y, "w": round(PLOT_W * share, 1), "text_y": y + BAR_H - 4})
    axis_y = TOP + len(bars) * (BAR_H + GAP) + 2
    ticks = [{"x": LABEL_W + round(PLOT_W * tick / chart["peak"], 1),
              "text": f"{tick * 100:.0f}%" if chart["percent"] else str(tick)} for tick in chart["ticks"]]
    return {"width": LABEL_W + PLOT_W + VALUE_W, "height": axis_y + AXIS_H, "plot_x": LABEL_W, "plot_w": PLOT_W,
            "bar_h": BAR_H, "top": TOP, "axis_y": axis_y, "bars": bars, "ticks": ticks,
            "colour": COLOURS.get(chart["kind"], "#2e7d32")}


def _font(size: int):
    path = current_app.config.get("PDF_FONT_PATH")
    candidates = [(path, int(current_app.config.get("PDF_FONT_INDEX") or 0))] if path else list(CANDIDATES)
    for candidate, index in candidates:
        if candidate and os.path.exists(candidate):
            try:
                return ImageFont.truetype(candidate, size, index=index)
            except OSError:
                logger.warning("chart font %s unreadable", candidate)
    return ImageFont.load_default()


def render_png(chart: dict, title: str, axis_label: str, scale: int = 2) -> bytes:
    """The chart as PNG bytes (drawn at ``scale``× for a sharp image in a report)."""
    geo = layout(chart)
    image = Image.new("RGB", (geo["width"] * scale, geo["height"] * scale), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(12 * scale), _font(11 * scale)

    def s(*values):
        return [v * scale for v in values]

    draw.text(s(0, 6), title, fill="#222222", font=_font(14 * scale))
    for tick in geo["ticks"]:
        draw.line(s(tick["x"], geo["top"] - 4, tick["x"], geo["axis_y"]), fill="#dddddd", width=scale)
        draw.text(s(tick["x"] - 10, geo["axis_y"] + 6), tick["text"], fill="#555555", font=small)
    draw.line(s(geo["plot_x"], geo["axis_y"], geo["plot_x"] + geo["plot_w"], geo["axis_y"]), fill="#999999",
              width=scale)
    draw.text(s(geo["plot_x"], geo["axis_y"] + 24), axis_label, fill="#555555", font=small)
    for bar in geo["bars"]:
        draw.text(s(0, bar["y"] + 2), bar["label"], fill="#222222", font=font)
        draw.rectangle(s(geo["plot_x"], bar["y"], geo["plot_x"] + geo["plot_w"], bar["y"] + geo["bar_h"]),
                       fill="#eef2f6")
        if bar["w"]:
            draw.rectangle(s(geo["plot_x"], bar["y"], geo["plot_x"] + bar["w"], bar["y"] + geo["bar_h"]),
                           fill=geo["colour"])
        draw.text(s(geo["plot_x"] + geo["plot_w"] + 6, bar["y"] + 2), f"{bar['text']} ({bar['detail']})",
                  fill="#222222", font=small)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
