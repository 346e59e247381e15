//! Drawing primitives shared by every chart model: lines, rectangles, labels, merged paths and
//! marker shapes.
//!
//! Coordinates are SVG user units in the chart's fixed viewBox, rounded to one decimal place
//! when a primitive is built, so both the Leptos view and the SVG string renderer can print
//! them directly and stay compact.

use serde::Serialize;

/// Rounds to one decimal place, the precision of every coordinate in a chart model.
pub fn round1(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    // Avoid "-0" in output.
    if r == 0.0 { 0.0 } else { r }
}

/// Appends `v` rounded to one decimal place, without a trailing ".0" (so 12.0 prints as "12").
/// Hand-rolled rather than `write!`: charts format tens of thousands of numbers per build.
pub fn push_num(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let a = tenths.unsigned_abs();
    let mut n = a / 10;
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
    if !a.is_multiple_of(10) {
        out.push('.');
        out.push((b'0' + (a % 10) as u8) as char);
    }
}

/// `v` rounded to one decimal place as a string (see [`push_num`]).
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

impl Line {
    /// A line with its end points rounded to one decimal place.
    pub fn new(x1: f64, y1: f64, x2: f64, y2: f64) -> Line {
        Line { x1: round1(x1), y1: round1(y1), x2: round1(x2), y2: round1(y2) }
    }
}

/// An axis-aligned rectangle with its top-left corner at (x, y).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// A rectangle rounded to one decimal place; negative sizes are clamped to zero.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x: round1(x), y: round1(y), w: round1(w.max(0.0)), h: round1(h.max(0.0)) }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// Horizontal text alignment, as the SVG `text-anchor` attribute spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The `text-anchor` attribute value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A piece of text placed at (x, y) (the baseline point), optionally rotated about that point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub anchor: Anchor,
    /// CSS class (see [`crate::chart::svg::CHART_CSS`]).
    pub class: &'static str,
    /// Rotation in degrees about (x, y): `transform="rotate(deg x y)"`. Used for the y-axis title.
    pub rotate: Option<f64>,
}

impl Label {
    /// An unrotated label rounded to one decimal place.
    pub fn new(x: f64, y: f64, text: impl Into<String>, anchor: Anchor, class: &'static str) -> Label {
        Label { x: round1(x), y: round1(y), text: text.into(), anchor, class, rotate: None }
    }

    /// The same label rotated by `deg` degrees about its anchor point.
    pub fn rotated(mut self, deg: f64) -> Label {
        self.rotate = Some(deg);
        self
    }
}

/// Many marks of one class merged into one `<path d>`: the cheap way to draw thousands of marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassedPath {
    pub class: &'static str,
    pub d: String,
}

/// An axis tick: the tick or grid line and its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AxisTick {
    /// Position along the axis (y for a vertical axis, x for a horizontal one).
    pub pos: f64,
    /// The grid line (or short tick mark) to draw.
    pub line: Line,
    pub label: Label,
}

/// Many lines as the data of one path (`M x1 y1L x2 y2` per line): grids, ticks and leaders are
/// drawn as one element each, in the app and in the SVG export alike.
pub fn lines_path<'a>(lines: impl IntoIterator<Item = &'a Line>) -> String {
    let mut d = String::new();
    for l in lines {
        d.push('M');
        push_num(&mut d, l.x1);
        d.push(' ');
        push_num(&mut d, l.y1);
        d.push('L');
        push_num(&mut d, l.x2);
        d.push(' ');
        push_num(&mut d, l.y2);
    }
    d
}

/// Builds compact SVG path data with coordinates rounded to one decimal place.
#[derive(Debug, Clone, Default)]
pub struct PathBuilder {
    d: String,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> PathBuilder {
        PathBuilder::default()
    }

    /// An empty path with room for `n` bytes.
    pub fn with_capacity(n: usize) -> PathBuilder {
        PathBuilder { d: String::with_capacity(n) }
    }

    fn pair(&mut self, cmd: char, x: f64, y: f64) {
        self.d.push(cmd);
        push_num(&mut self.d, x);
        self.d.push(' ');
        push_num(&mut self.d, y);
    }

    /// `M x y`: starts a new subpath (a break in a line).
    pub fn move_to(&mut self, x: f64, y: f64) -> &mut Self {
        self.pair('M', x, y);
        self
    }

    /// `L x y`: a straight line to (x, y).
    pub fn line_to(&mut self, x: f64, y: f64) -> &mut Self {
        self.pair('L', x, y);
        self
    }

    /// A closed rectangle subpath: `M x y h w v h h -w Z`.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) -> &mut Self {
        self.move_to(x, y);
        self.d.push('h');
        push_num(&mut self.d, w);
        self.d.push('v');
        push_num(&mut self.d, h);
        self.d.push('h');
        push_num(&mut self.d, -w);
        self.d.push('Z');
        self
    }

    /// Appends raw path data (already formatted).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.d.push_str(s);
        self
    }

    /// Closes the current subpath.
    pub fn close(&mut self) -> &mut Self {
        self.d.push('Z');
        self
    }

    /// True when nothing has been drawn.
    pub fn is_empty(&self) -> bool {
        self.d.is_empty()
    }

    /// The path data.
    pub fn finish(self) -> String {
        self.d
    }
}

/// Marker shapes. Each flag has its own shape so colour is never the only signal (WCAG 1.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerShape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Cross,
}

impl MarkerShape {
    /// Appends this shape centred on (x, y) with "radius" `r` as a closed subpath.
    pub fn push_path(self, p: &mut PathBuilder, x: f64, y: f64, r: f64) {
        match self {
            MarkerShape::Circle => {
                // Two arcs: valid inside a merged path, unlike <circle>.
                p.move_to(x - r, y);
                let s = &mut p.d;
                for dx in [2.0 * r, -2.0 * r] {
                    s.push('a');
                    push_num(s, r);
                    s.push(' ');
                    push_num(s, r);
                    s.push_str(" 0 1 0 ");
                    push_num(s, dx);
                    s.push_str(" 0");
                }
                s.push('Z');
            }
            MarkerShape::Square => {
                let s = r * 0.9;
                p.rect(x - s, y - s, 2.0 * s, 2.0 * s);
            }
            MarkerShape::Diamond => {
                let s = r * 1.25;
                p.move_to(x, y - s).line_to(x + s, y).line_to(x, y + s).line_to(x - s, y).close();
            }
            MarkerShape::TriangleUp => {
                let s = r * 1.3;
                p.move_to(x, y - s).line_to(x + s, y + s * 0.8).line_to(x - s, y + s * 0.8).close();
            }
            MarkerShape::TriangleDown => {
                let s = r * 1.3;
                p.move_to(x, y + s).line_to(x + s, y - s * 0.8).line_to(x - s, y - s * 0.8).close();
            }
            MarkerShape::Cross => {
                // An X drawn as a closed outline so it fills like the other shapes.
                let s = r * 1.2;
                let t = r * 0.4;
                p.move_to(x - s, y - s + t)
                    .line_to(x - s + t, y - s)
                    .line_to(x, y - t)
                    .line_to(x + s - t, y - s)
                    .line_to(x + s, y - s + t)
                    .line_to(x + t, y)
                    .line_to(x + s, y + s - t)
                    .line_to(x + s - t, y + s)
                    .line_to(x, y + t)
                    .line_to(x - s + t, y + s)
                    .line_to(x - s, y + s - t)
                    .line_to(x - t, y)
                    .close();
            }
        }
    }

    /// This shape centred on (x, y) as path data, for drawing a single marker.
    pub fn path_d(self, x: f64, y: f64, r: f64) -> String {
        let mut p = PathBuilder::with_capacity(64);
        self.push_path(&mut p, x, y, r);
        p.finish()
    }
}

/// What a legend entry's symbol looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegendKey {
    /// A short horizontal line (dashing comes from the class).
    Line,
    /// A marker of the given shape.
    Marker(MarkerShape),
    /// A filled square swatch (bars, placement segments).
    Swatch,
    /// A short vertical tick (the censoring marks of a Kaplan-Meier curve).
    Tick,
}

/// One legend entry: its symbol as a classed path and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    pub key: LegendKey,
    pub symbol: ClassedPath,
    pub label: Label,
}

/// Lays legend entries out left to right from (x0, y0), wrapping at `max_x`; `y0` is the
/// vertical centre of the first row. Returns the entries and the y centre of the last row.
pub fn layout_legend(
    items: &[(LegendKey, &'static str, String)],
    x0: f64,
    y0: f64,
    max_x: f64,
    row_h: f64,
) -> (Vec<LegendEntry>, f64) {
    const KEY_W: f64 = 18.0;
    const FONT: f64 = 12.0;
    let mut x = x0;
    let mut y = y0;
    let mut out = Vec::with_capacity(items.len());
    for (key, class, text) in items {
        let w = KEY_W + 6.0 + text_width(text, FONT);
        if x > x0 && x + w > max_x {
            x = x0;
            y += row_h;
        }
        let d = match key {
            LegendKey::Line => {
                let mut p = PathBuilder::new();
                p.move_to(x, y).line_to(x + KEY_W, y);
                p.finish()
            }
            LegendKey::Marker(shape) => shape.path_d(x + KEY_W / 2.0, y, 4.0),
            LegendKey::Swatch => {
                let mut p = PathBuilder::new();
                p.rect(x + 3.0, y - 6.0, 12.0, 12.0);
                p.finish()
            }
            LegendKey::Tick => {
                let mut p = PathBuilder::new();
                p.move_to(x + KEY_W / 2.0, y - 5.0).line_to(x + KEY_W / 2.0, y + 5.0);
                p.finish()
            }
        };
        out.push(LegendEntry {
            key: *key,
            symbol: ClassedPath { class, d },
            label: Label::new(x + KEY_W + 6.0, y + 4.0, text.clone(), Anchor::Start, "ts-legend-text"),
        });
        x += w + 16.0;
    }
    (out, y)
}

/// Rough width of `text` at the chart's 12-unit font, used to lay out legends without measuring.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.52
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_path_joins_lines_into_one_path() {
        // Coordinates are rounded to tenths; whole numbers are written without a decimal point.
        let ls = [Line::new(0.0, 0.0, 10.0, 5.0), Line::new(1.54, 2.0, 3.0, 4.04)];
        assert_eq!(lines_path(&ls), "M0 0L10 5M1.5 2L3 4");
        assert_eq!(lines_path(&[]), "");
    }

    use super::*;

    #[test]
    fn numbers_print_with_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(12.35 + 1e-9), "12.4");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-3.25), "-3.3");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(round1(-0.04), 0.0);
        assert!(round1(-0.04).is_sign_positive());
    }

    #[test]
    fn big_and_odd_numbers_print_plainly() {
        assert_eq!(num(1234567.89), "1234567.9");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(9.96), "10");
        assert_eq!(num(-120.05 - 1e-9), "-120.1");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(MarkerShape::Circle.path_d(10.0, 20.0, 3.5), "M6.5 20a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0Z");
    }

    #[test]
    fn rect_path_is_closed_and_relative() {
        let mut p = PathBuilder::new();
        p.rect(10.0, 20.0, 5.5, 30.0);
        assert_eq!(p.finish(), "M10 20h5.5v30h-5.5Z");
    }

    #[test]
    fn shapes_are_closed_subpaths() {
        for s in [
            MarkerShape::Circle,
            MarkerShape::Square,
            MarkerShape::Diamond,
            MarkerShape::TriangleUp,
            MarkerShape::TriangleDown,
            MarkerShape::Cross,
        ] {
            let d = s.path_d(100.0, 50.0, 4.0);
            assert!(d.starts_with('M') && d.ends_with('Z'), "{s:?}: {d}");
        }
        assert_eq!(MarkerShape::Diamond.path_d(100.0, 50.0, 4.0), "M100 45L105 50L100 55L95 50Z");
    }
}
