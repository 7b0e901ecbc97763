"""Scrollbars drawn straight to lines.

Textual draws a scrollbar as a Rich renderable, through the console, its line
splitting and then the widget's line styling: about 3 ms for a bar 38 lines high, each
time its thumb moves or its style changes (a search key, a page move, the focus going
to the search bar). A vertical bar has three or four kinds of line, known from its
sizes, so they are made once per repaint and repeated.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


class QuickScrollBar(ScrollBar):
    """A :class:`ScrollBar` whose vertical bar is drawn without Rich's console: the
    same cells and styles as Textual draws (checked by a test against it)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        shown = self.render()
        if not self.vertical or not isinstance(shown, ScrollBarRender):
            return super().render_lines(crop)
        style = shown.style
        if isinstance(style, str) or self.styles.tint.a or self.opacity != 1.0:
            return super().render_lines(crop)
        width, height = self.size
        bar = shown.render_bar(
            size=height,
            window_size=shown.window_size,
            virtual_size=shown.virtual_size,
            position=shown.position,
            vertical=True,
            thickness=width,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        base = self.visual_style.rich_style
        filters = self.get_line_filters()
        background = self.background_colors[1]
        made: dict[Segment, Strip] = {}
        strips: list[Strip] = []
        for segment in bar.segments[crop.y : crop.bottom]:
            strip = made.get(segment)
            if strip is None:
                line = Segment(segment.text, base + segment.style if segment.style else base)
                strip = Strip([line], width)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                if crop.x or crop.width != width:
                    strip = strip.crop(crop.x, crop.right)
                made[segment] = strip
            strips.append(strip)
        return strips


class QuickScrollBars:
    """Mixin for a scrolling widget: its vertical scrollbar is a :class:`QuickScrollBar`
    (made as Textual's ``Widget.vertical_scrollbar`` makes its own)."""

    _vertical_scrollbar: ScrollBar | None

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scrollbar (made when first asked for)."""
        if self._vertical_scrollbar is None:
            bar = QuickScrollBar(
                vertical=True,
                name="vertical",
                thickness=self.scrollbar_size_vertical,  # type: ignore[attr-defined]
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)  # type: ignore[attr-defined]
        return self._vertical_scrollbar
