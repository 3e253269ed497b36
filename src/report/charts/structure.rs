//! The 会議体系図: meetings (or proposed bodies) on a grid of tier rows (policy on top,
//! case work at the bottom) × field columns (高齢, 障害, 子ども… and a cross-field
//! column), each in its cell with its full name wrapped, never cut; a body serving
//! several fields spans their columns; escalation arrows run between boxes along the
//! gutters, never through a box.
//!
//! Layout is plain geometry ([`structure_layout`]), tested on its own: boxes never
//! overlap, arrow segments never cross a box, every name is drawn in full.
//!
//! Every text is at least [`MIN_TEXT_PX`] pixels high, 9 pt when the 900-pixel-wide
//! chart is printed 170 mm wide (A4 with 20 mm margins); a cell with many bodies makes
//! its row taller, it never makes the text smaller.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::bitmap::advance_width;
use super::fonts::active_font;
use super::render::{
    Chart, DrawResult, INK, MIN_TEXT_PX, MUTED, TITLE_HEIGHT, WIDTH, anchored, bold_style, listed,
    mix, no_data, render, text_style, titled,
};
use super::{ChartError, Rendered};

/// Width of the tier-name column on the left.
const HEADER_WIDTH: i32 = 110;
/// Left and right margin.
const MARGIN: i32 = 8;
/// Space between columns: vertical arrows run here.
const GUTTER: i32 = 12;
/// Space between boxes stacked in one cell, and above and below a tier's boxes:
/// horizontal arrows run here.
const LANE_GAP: i32 = 16;
/// Padding inside a box.
const PAD: i32 = 5;
/// Line height of box text.
const LINE: i32 = 20;
/// Least height of a tier row.
const MIN_ROW: i32 = 70;
/// Extra cost of a bend, in pixels: arrows prefer straight runs.
const BEND_COST: i64 = 60;
const ARROW: RGBColor = RGBColor(60, 60, 60);
const BAND_TINTS: [RGBColor; 3] =
    [RGBColor(246, 246, 246), RGBColor(255, 255, 255), RGBColor(246, 246, 246)];

/// One meeting or body of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureBox {
    /// Identifier drawn on the box's first line (M01, B04), matching the report's tables.
    pub id: String,
    /// Full name, wrapped to the box's width, never cut.
    pub label: String,
    /// 0 = case (個別支援), 1 = community and network, 2 = policy and planning.
    pub tier: usize,
    /// The field columns it serves (indices into the column names); the box spans from
    /// the first to the last. Empty is read as the last column.
    pub columns: Vec<usize>,
}

/// What [`structure_diagram`] draws.
#[derive(Debug, Clone, Copy)]
pub struct Structure<'a> {
    /// Title.
    pub title: &'a str,
    /// Names of the tier rows for tiers 0, 1, 2.
    pub tier_names: [&'a str; 3],
    /// Column names, left to right.
    pub columns: &'a [String],
    /// Column colours, one per column.
    pub colours: &'a [RGBColor],
    /// The boxes.
    pub boxes: &'a [StructureBox],
    /// Arrows, `(from, to)` as box indices: from raises issues to.
    pub arrows: &'a [(usize, usize)],
}

/// A rectangle, corners inclusive of the border: `[x0, y0, x1, y1]`.
pub type Rect = [i32; 4];

/// Where everything of a [`Structure`] goes, in pixels of the whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureLayout {
    /// Chart width and height.
    pub size: (u32, u32),
    /// Each box's rectangle, in input order.
    pub boxes: Vec<Rect>,
    /// Each box's text lines: its id and its name, wrapped.
    pub lines: Vec<Vec<String>>,
    /// Each arrow as a polyline from the source box's edge to the target box's edge (the
    /// head is at the last point); empty for an arrow from a box to itself.
    pub arrows: Vec<Vec<(i32, i32)>>,
    /// Each tier row's top and bottom, tiers 0, 1, 2.
    pub rows: [(i32, i32); 3],
    /// Each column's left and right edge.
    pub column_edges: Vec<(i32, i32)>,
    /// Height of the column names' row.
    pub column_head: i32,
}

/// Checks the input and lays the diagram out.
///
/// # Errors
///
/// [`ChartError::Invalid`] for a tier above 2, a column or arrow end that does not
/// exist, or a colour list of the wrong length.
pub fn structure_layout(s: &Structure<'_>) -> Result<StructureLayout, ChartError> {
    check(s)?;
    Ok(layout(s))
}

/// Draws the 会議体系図. No boxes gives the "no data" chart.
///
/// # Errors
///
/// As [`structure_layout`].
pub fn structure_diagram(s: &Structure<'_>) -> Result<Rendered, ChartError> {
    check(s)?;
    if s.boxes.is_empty() {
        return no_data(s.title);
    }
    let layout = layout(s);
    render(&Drawing { s: *s, layout })
}

fn check(s: &Structure<'_>) -> Result<(), ChartError> {
    if s.columns.is_empty() {
        return Err(ChartError::Invalid("the structure diagram needs at least one column".into()));
    }
    if s.colours.len() != s.columns.len() {
        return Err(ChartError::Invalid(format!(
            "{} column colours for {} columns",
            s.colours.len(),
            s.columns.len()
        )));
    }
    for b in s.boxes {
        if b.tier > 2 {
            return Err(ChartError::Invalid(format!(
                "box '{}' ({}) has tier {}; tiers are 0 (case), 1 (community) and 2 (policy)",
                b.label, b.id, b.tier
            )));
        }
        if let Some(c) = b.columns.iter().find(|&&c| c >= s.columns.len()) {
            return Err(ChartError::Invalid(format!(
                "box '{}' ({}) names column {c}, but there are only {} columns",
                b.label,
                b.id,
                s.columns.len()
            )));
        }
    }
    if let Some(&(a, b)) = s.arrows.iter().find(|&&(a, b)| a >= s.boxes.len() || b >= s.boxes.len())
    {
        return Err(ChartError::Invalid(format!(
            "an arrow joins boxes {a} and {b}, but there are only {} boxes (numbered from 0)",
            s.boxes.len()
        )));
    }
    Ok(())
}

/// Column span of a box: first and last column.
fn span(b: &StructureBox, columns: usize) -> (usize, usize) {
    let last = columns - 1;
    match (b.columns.iter().min(), b.columns.iter().max()) {
        (Some(&lo), Some(&hi)) => (lo, hi),
        _ => (last, last),
    }
}

fn layout(s: &Structure<'_>) -> StructureLayout {
    let n_columns = s.columns.len();
    let left = MARGIN + HEADER_WIDTH;
    let right = WIDTH as i32 - MARGIN;
    // Columns share the width; gutters lie between them and at both ends.
    let pitch = (right - left - GUTTER) / n_columns as i32;
    let column_edges: Vec<(i32, i32)> = (0..n_columns)
        .map(|c| {
            let x0 = left + GUTTER + c as i32 * pitch;
            (x0, x0 + pitch - GUTTER)
        })
        .collect();
    let font = active_font();
    let lines: Vec<Vec<String>> = s
        .boxes
        .iter()
        .map(|b| {
            let (lo, hi) = span(b, n_columns);
            let inner = (column_edges[hi].1 - column_edges[lo].0 - 2 * PAD) as f32;
            // The id starts the first line, so a box is one line shorter.
            let text =
                if b.id.is_empty() { b.label.clone() } else { format!("{} {}", b.id, b.label) };
            wrap_to_width(&text, inner, |t| advance_width(&font, MIN_TEXT_PX as f32, t))
        })
        .collect();
    let heights: Vec<i32> = lines.iter().map(|l| l.len() as i32 * LINE + 2 * PAD).collect();
    // Each tier's boxes stack in their columns, boxes of one column in input order
    // before boxes spanning columns, each as high as the columns it spans allow (a
    // skyline): a cell with many bodies makes its row taller, never the text smaller.
    let mut offset_of = vec![0i32; s.boxes.len()];
    let mut tier_heights = [0i32; 3];
    for (tier, tier_height) in tier_heights.iter_mut().enumerate() {
        let mut order: Vec<usize> =
            (0..s.boxes.len()).filter(|&i| s.boxes[i].tier == tier).collect();
        order.sort_by_key(|&i| {
            let (lo, hi) = span(&s.boxes[i], n_columns);
            (hi - lo, i)
        });
        let mut fill = vec![LANE_GAP; n_columns];
        for i in order {
            let (lo, hi) = span(&s.boxes[i], n_columns);
            let top = fill[lo..=hi].iter().copied().max().unwrap_or(LANE_GAP);
            offset_of[i] = top;
            fill[lo..=hi].iter_mut().for_each(|f| *f = top + heights[i] + LANE_GAP);
        }
        *tier_height = fill.into_iter().max().unwrap_or(0).max(MIN_ROW);
    }
    // Column names wrap too: the head is as tall as the longest.
    let head_lines = s
        .columns
        .iter()
        .zip(&column_edges)
        .map(|(name, &(x0, x1))| {
            wrap_to_width(name, (x1 - x0) as f32, |t| advance_width(&font, MIN_TEXT_PX as f32, t))
                .len()
        })
        .max()
        .unwrap_or(1) as i32;
    let column_head = 6 + head_lines * LINE + 10;
    // Tier rows from the top: policy, community, case.
    let mut rows = [(0, 0); 3];
    let mut y = TITLE_HEIGHT as i32 + column_head;
    for tier in (0..3).rev() {
        let height = tier_heights[tier];
        rows[tier] = (y, y + height);
        y += height;
    }
    let height = y + MARGIN;
    let boxes: Vec<Rect> = s
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (lo, hi) = span(b, n_columns);
            let top = rows[b.tier].0 + offset_of[i];
            [column_edges[lo].0, top, column_edges[hi].1, top + heights[i]]
        })
        .collect();
    // Lines arrows may run along: gutter centres, and the gaps above and below boxes.
    let mut gutters: BTreeSet<i32> = column_edges.iter().map(|&(x0, _)| x0 - GUTTER / 2).collect();
    gutters.insert(column_edges[n_columns - 1].1 + GUTTER / 2);
    let mut gaps: BTreeSet<i32> = rows.iter().map(|&(top, _)| top + LANE_GAP / 2).collect();
    for r in &boxes {
        gaps.insert(r[1] - LANE_GAP / 2);
        gaps.insert(r[3] + LANE_GAP / 2);
    }
    // Arrows to different targets run a few pixels apart, so that two paths sharing a
    // gutter can be told apart; arrows to one target share their last stretch.
    let targets: BTreeSet<usize> = s.arrows.iter().map(|&(_, to)| to).collect();
    let arrows = s
        .arrows
        .iter()
        .map(|&(from, to)| {
            if from == to {
                return Vec::new();
            }
            let rank = targets.range(..to).count() as i32;
            let offset = [0, -3, 3][(rank % 3) as usize];
            let shift = |set: &BTreeSet<i32>| set.iter().map(|v| v + offset).collect();
            route(&boxes, from, to, &shift(&gutters), &shift(&gaps))
        })
        .collect();
    StructureLayout {
        size: (WIDTH, height as u32),
        boxes,
        lines,
        arrows,
        rows,
        column_edges,
        column_head,
    }
}

/// Whether the open segment from `a` to `b` (horizontal or vertical) passes through
/// the inside of `r` grown by `margin`.
fn crosses(a: (i32, i32), b: (i32, i32), r: &Rect, margin: i32) -> bool {
    let [x0, y0, x1, y1] = [r[0] - margin, r[1] - margin, r[2] + margin, r[3] + margin];
    let (lx, hx) = (a.0.min(b.0), a.0.max(b.0));
    let (ly, hy) = (a.1.min(b.1), a.1.max(b.1));
    lx < x1 && hx > x0 && ly < y1 && hy > y0
}

/// The shortest path with few bends from the edge of box `from` to the edge of box `to`
/// over the grid of gutters and lane gaps, touching no box on the way.
fn route(
    boxes: &[Rect],
    from: usize,
    to: usize,
    gutters: &BTreeSet<i32>,
    gaps: &BTreeSet<i32>,
) -> Vec<(i32, i32)> {
    let (a, b) = (boxes[from], boxes[to]);
    let centre = |r: &Rect| (r[0] + r[2]) / 2;
    // One x for both ends when the boxes share columns: a straight vertical run.
    let (lo, hi) = (a[0].max(b[0]) + 12, a[2].min(b[2]) - 12);
    let (sx, tx) = if lo <= hi {
        let x = if (lo..=hi).contains(&centre(&a)) { centre(&a) } else { (lo + hi) / 2 };
        (x, x)
    } else {
        (centre(&a), centre(&b))
    };
    // Leave by the side facing the target: up when it is wholly higher, down when wholly
    // lower, else sideways (a box of the same row).
    let (start, start_out, end, end_in) = if b[3] <= a[1] || b[1] >= a[3] {
        let upwards = b[3] <= a[1];
        let start = (sx, if upwards { a[1] } else { a[3] });
        let end = (tx, if upwards { b[3] } else { b[1] });
        let lead = if upwards { -LANE_GAP / 2 } else { LANE_GAP / 2 };
        (start, (sx, start.1 + lead), end, (tx, end.1 - lead))
    } else {
        let leftwards = b[0] < a[0];
        let (sy, ty) = ((a[1] + a[3]) / 2, (b[1] + b[3]) / 2);
        let start = (if leftwards { a[0] } else { a[2] }, sy);
        let end = (if leftwards { b[2] } else { b[0] }, ty);
        let lead = if leftwards { -GUTTER / 2 } else { GUTTER / 2 };
        (start, (start.0 + lead, sy), end, (end.0 - lead, ty))
    };
    let (sx, tx) = (start_out.0, end_in.0);
    let mut xs: BTreeSet<i32> = gutters.clone();
    xs.insert(sx);
    xs.insert(tx);
    let mut ys: BTreeSet<i32> = gaps.clone();
    ys.insert(start_out.1);
    xs.insert(start_out.0);
    xs.insert(end_in.0);
    ys.insert(end_in.1);
    let xs: Vec<i32> = xs.into_iter().collect();
    let ys: Vec<i32> = ys.into_iter().collect();
    let blocked = |p: (i32, i32), q: (i32, i32)| boxes.iter().any(|r| crosses(p, q, r, 2));
    let node = |xi: usize, yi: usize| yi * xs.len() + xi;
    let Some(s_node) = xs
        .iter()
        .position(|&x| x == sx)
        .zip(ys.iter().position(|&y| y == start_out.1))
        .map(|(xi, yi)| node(xi, yi))
    else {
        return vec![start, end];
    };
    let Some(t_node) = xs
        .iter()
        .position(|&x| x == tx)
        .zip(ys.iter().position(|&y| y == end_in.1))
        .map(|(xi, yi)| node(xi, yi))
    else {
        return vec![start, end];
    };
    // Dijkstra over (node, direction): 0 horizontal, 1 vertical, 2 none yet.
    let count = xs.len() * ys.len();
    let mut best = vec![[i64::MAX; 3]; count];
    let mut previous = vec![[None::<(usize, usize)>; 3]; count];
    let mut heap = BinaryHeap::new();
    best[s_node][2] = 0;
    heap.push(Reverse((0i64, s_node, 2usize)));
    let mut reached = None;
    while let Some(Reverse((cost, n, dir))) = heap.pop() {
        if cost > best[n][dir] {
            continue;
        }
        if n == t_node {
            reached = Some((n, dir));
            break;
        }
        let (xi, yi) = (n % xs.len(), n / xs.len());
        let here = (xs[xi], ys[yi]);
        let mut steps: Vec<(usize, usize, usize)> = Vec::new();
        if xi > 0 {
            steps.push((xi - 1, yi, 0));
        }
        if xi + 1 < xs.len() {
            steps.push((xi + 1, yi, 0));
        }
        if yi > 0 {
            steps.push((xi, yi - 1, 1));
        }
        if yi + 1 < ys.len() {
            steps.push((xi, yi + 1, 1));
        }
        for (nx, ny, d) in steps {
            let there = (xs[nx], ys[ny]);
            if blocked(here, there) {
                continue;
            }
            let length = i64::from((there.0 - here.0).abs() + (there.1 - here.1).abs());
            let bend = if dir != 2 && dir != d { BEND_COST } else { 0 };
            let next = cost + length + bend;
            let m = node(nx, ny);
            if next < best[m][d] {
                best[m][d] = next;
                previous[m][d] = Some((n, dir));
                heap.push(Reverse((next, m, d)));
            }
        }
    }
    let Some(mut at) = reached else {
        // No free path (cannot happen with gutters all round): draw straight.
        return vec![start, end];
    };
    let mut path = vec![end];
    loop {
        let (n, dir) = at;
        path.push((xs[n % xs.len()], ys[n / xs.len()]));
        match previous[n][dir] {
            Some(p) => at = p,
            None => break,
        }
    }
    path.push(start);
    path.reverse();
    simplify(path)
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::new();
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Breaks `text` into lines no wider than `max` (as `measure` says), never cutting it:
/// Japanese may break between any two characters, preferably after a space, "・", "、"
/// or a closing bracket, or before an opening one; Latin words break at spaces, and only a
/// word wider than the whole line is broken inside.
pub(super) fn wrap_to_width(text: &str, max: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // The longest run from `start` that fits (at least one character).
        let mut end = start + 1;
        while end < chars.len() && measure(&chars[start..=end].iter().collect::<String>()) <= max {
            end += 1;
        }
        if end < chars.len() {
            // Prefer a good break in the second half of the run.
            let good = (start + 1..=end)
                .rev()
                .take_while(|&k| (k - start) * 2 >= end - start)
                .find(|&k| good_break(&chars, k));
            let inside_word =
                |k: usize| chars[k - 1].is_ascii_alphanumeric() && chars[k].is_ascii_alphanumeric();
            end = match good {
                Some(k) => k,
                None if inside_word(end) => {
                    (start + 1..end).rev().find(|&k| !inside_word(k)).unwrap_or(end)
                }
                None => end,
            };
        }
        let line: String = chars[start..end].iter().collect();
        lines.push(line.trim().to_string());
        start = end;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Whether a line may end before `chars[k]`.
fn good_break(chars: &[char], k: usize) -> bool {
    matches!(chars[k - 1], ' ' | '・' | '、' | '）' | ')' | '/' | '／' | '－')
        || matches!(chars[k], ' ' | '（' | '(')
}

struct Drawing<'a> {
    s: Structure<'a>,
    layout: StructureLayout,
}

impl Drawing<'_> {
    fn arrow<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        points: &[(i32, i32)],
    ) -> DrawResult<DB> {
        let [.., before, end] = points else { return Ok(()) };
        let (dx, dy) = (f64::from(end.0 - before.0), f64::from(end.1 - before.1));
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / length, dy / length);
        let head = 11.0;
        let base = (f64::from(end.0) - ux * head, f64::from(end.1) - uy * head);
        let wing = |sign: f64| {
            ((base.0 - uy * sign * 5.5).round() as i32, (base.1 + ux * sign * 5.5).round() as i32)
        };
        let mut shaft: Vec<(i32, i32)> = points[..points.len() - 1].to_vec();
        shaft.push((base.0.round() as i32, base.1.round() as i32));
        area.draw(&PathElement::new(shaft, ARROW.stroke_width(2)))?;
        area.draw(&Polygon::new(vec![*end, wing(1.0), wing(-1.0)], ARROW.filled()))?;
        Ok(())
    }
}

impl Chart for Drawing<'_> {
    fn title(&self) -> &str {
        self.s.title
    }

    fn description(&self) -> String {
        let s = &self.s;
        let rows = (0..3).rev().map(|tier| {
            let boxes: Vec<String> = s
                .boxes
                .iter()
                .filter(|b| b.tier == tier)
                .map(|b| {
                    let columns: Vec<&str> =
                        b.columns.iter().map(|&c| s.columns[c].as_str()).collect();
                    format!("{} {} [{}]", b.id, b.label, columns.join(", "))
                })
                .collect();
            format!("{}: {}", s.tier_names[tier], boxes.join("; "))
        });
        let arrows = s
            .arrows
            .iter()
            .filter(|(a, b)| a != b)
            .map(|&(a, b)| format!("{} → {}", s.boxes[a].id, s.boxes[b].id));
        format!("{}. {}", rows.collect::<Vec<_>>().join(". "), listed(arrows, 200))
    }

    fn size(&self) -> (u32, u32) {
        self.layout.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let l = &self.layout;
        titled(root, self.s.title)?;
        let right = WIDTH as i32 - MARGIN;
        let bold = anchored(bold_style(MIN_TEXT_PX, INK), HPos::Center, VPos::Center);
        let font = active_font();
        let measure = |t: &str| advance_width(&font, MIN_TEXT_PX as f32, t);
        // Tier rows with their names.
        for (tier, tint) in BAND_TINTS.iter().enumerate() {
            let (top, bottom) = l.rows[tier];
            root.draw(&Rectangle::new([(MARGIN, top), (right, bottom)], tint.filled()))?;
            root.draw(&Rectangle::new([(MARGIN, bottom), (right, bottom)], MUTED.stroke_width(1)))?;
            let names = wrap_to_width(self.s.tier_names[tier], (HEADER_WIDTH - 8) as f32, measure);
            let first = (top + bottom) / 2 - (names.len() as i32 - 1) * LINE / 2;
            for (k, name) in names.iter().enumerate() {
                let at = (MARGIN + HEADER_WIDTH / 2, first + k as i32 * LINE);
                root.draw(&Text::new(name.as_str(), at, bold.clone()))?;
            }
        }
        let first_top = l.rows[2].0;
        root.draw(&Rectangle::new(
            [(MARGIN, first_top), (right, first_top)],
            MUTED.stroke_width(1),
        ))?;
        // Column heads, with a band of the field's colour.
        for (c, &(x0, x1)) in l.column_edges.iter().enumerate() {
            let colour = self.s.colours[c];
            let head_top = TITLE_HEIGHT as i32 + 4;
            root.draw(&Rectangle::new([(x0, head_top), (x1, head_top + 6)], colour.filled()))?;
            let names = wrap_to_width(&self.s.columns[c], (x1 - x0) as f32, measure);
            let first =
                head_top + 6 + (l.column_head - 6) / 2 - (names.len() as i32 - 1) * LINE / 2;
            for (k, name) in names.iter().enumerate() {
                let at = ((x0 + x1) / 2, first + k as i32 * LINE);
                root.draw(&Text::new(name.as_str(), at, bold.clone()))?;
            }
        }
        for points in &l.arrows {
            self.arrow(root, points)?;
        }
        let id_style = anchored(bold_style(MIN_TEXT_PX, MUTED), HPos::Left, VPos::Top);
        let name_style = anchored(text_style(MIN_TEXT_PX, INK), HPos::Left, VPos::Top);
        for (i, b) in self.s.boxes.iter().enumerate() {
            let [x0, y0, x1, y1] = l.boxes[i];
            let (lo, hi) = span(b, self.s.columns.len());
            let border = if lo == hi { mix(self.s.colours[lo], INK, 0.25) } else { INK };
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.filled()))?;
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], border.stroke_width(2)))?;
            // A body serving several fields shows each field's colour along its top.
            if lo != hi {
                for &c in &b.columns {
                    let (cx0, cx1) = l.column_edges[c];
                    let strip = [(cx0.max(x0) + 2, y0 + 2), (cx1.min(x1) - 2, y0 + 6)];
                    root.draw(&Rectangle::new(strip, self.s.colours[c].filled()))?;
                }
            }
            for (k, line) in l.lines[i].iter().enumerate() {
                let at = (x0 + PAD, y0 + PAD + 2 + k as i32 * LINE);
                // The id in bold grey, the name after it.
                let rest = (k == 0 && !b.id.is_empty())
                    .then(|| line.strip_prefix(b.id.as_str()))
                    .flatten();
                match rest {
                    Some(rest) => {
                        root.draw(&Text::new(b.id.as_str(), at, id_style.clone()))?;
                        let shift = advance_width(&font, MIN_TEXT_PX as f32, &format!("{} ", b.id));
                        let at = (at.0 + shift.ceil() as i32, at.1);
                        root.draw(&Text::new(rest.trim_start(), at, name_style.clone()))?;
                    }
                    None => root.draw(&Text::new(line.as_str(), at, name_style.clone()))?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<String> {
        ["高齢", "障害", "子ども", "分野横断"].iter().map(|s| s.to_string()).collect()
    }

    const COLOURS: [RGBColor; 4] =
        [RGBColor(230, 159, 0), RGBColor(86, 180, 233), RGBColor(0, 158, 115), RGBColor(0, 0, 0)];

    fn b(id: &str, label: &str, tier: usize, columns: &[usize]) -> StructureBox {
        StructureBox { id: id.into(), label: label.into(), tier, columns: columns.to_vec() }
    }

    #[test]
    fn wraps_without_cutting_and_prefers_separators() {
        let measure = |t: &str| t.chars().count() as f32 * 10.0;
        let lines = wrap_to_width("要保護児童対策地域協議会 個別ケース検討会議", 80.0, measure);
        assert_eq!(lines.concat(), "要保護児童対策地域協議会個別ケース検討会議");
        assert!(lines.iter().all(|l| measure(l) <= 80.0), "{lines:?}");
        assert_eq!(lines[1], "域協議会", "breaks at the space: {lines:?}");
        let en = wrap_to_width("Community care meeting (north)", 120.0, measure);
        assert_eq!(en, vec!["Community", "care meeting", "(north)"]);
    }

    #[test]
    fn a_spanning_box_covers_its_columns_and_boxes_never_overlap() {
        let boxes = vec![
            b("M1", "地域ケア個別会議（北部）", 0, &[0]),
            b("M2", "地域ケア個別会議（南部）", 0, &[0]),
            b("M3", "地域ケア推進会議", 2, &[0]),
            b("B1", "合同会議", 1, &[0, 2]),
            b("M4", "こども部会", 1, &[1]),
            b("M5", "障害者自立支援協議会 全体会", 2, &[1]),
        ];
        let cols = columns();
        let s = Structure {
            title: "t",
            tier_names: ["個別支援", "地域・ネットワーク", "政策・計画"],
            columns: &cols,
            colours: &COLOURS,
            boxes: &boxes,
            arrows: &[(0, 2), (1, 2), (3, 2), (4, 5)],
        };
        let l = structure_layout(&s).unwrap();
        assert_eq!(l.boxes[3][0], l.column_edges[0].0);
        assert_eq!(l.boxes[3][2], l.column_edges[2].1);
        for (i, a) in l.boxes.iter().enumerate() {
            for bx in &l.boxes[i + 1..] {
                assert!(!crosses((a[0], a[1]), (a[2], a[3]), bx, 0), "{a:?} overlaps {bx:?}");
            }
        }
        for (k, path) in l.arrows.iter().enumerate() {
            for w in path.windows(2) {
                for r in &l.boxes {
                    assert!(!crosses(w[0], w[1], r, 0), "arrow {k} {w:?} crosses {r:?}");
                }
            }
        }
        // The joint body blocks the way up from the case row: the arrow goes round it
        // along the left gutter, and the stacked case meeting's arrow too.
        let gutter = l.column_edges[0].0 - GUTTER / 2;
        assert_eq!(l.arrows[0].len(), 6, "{:?}", l.arrows[0]);
        assert_eq!(l.arrows[0][2].0, gutter, "{:?}", l.arrows[0]);
        assert!(l.arrows[1].iter().any(|p| p.0 == gutter), "{:?}", l.arrows[1]);
        // Nothing between: straight up, top edge to bottom edge.
        assert_eq!(
            l.arrows[3],
            vec![(l.arrows[3][0].0, l.boxes[4][1]), (l.arrows[3][0].0, l.boxes[5][3])]
        );
    }

    #[test]
    fn rejects_unknown_columns_and_dangling_arrows() {
        let cols = columns();
        let boxes = vec![b("M1", "会議", 0, &[7])];
        let s = Structure {
            title: "t",
            tier_names: ["a", "b", "c"],
            columns: &cols,
            colours: &COLOURS,
            boxes: &boxes,
            arrows: &[],
        };
        let error = structure_layout(&s).unwrap_err();
        assert!(error.to_string().contains("names column 7"), "{error}");
        let boxes = vec![b("M1", "会議", 0, &[0])];
        let s = Structure { boxes: &boxes, arrows: &[(0, 3)], ..s };
        assert!(structure_layout(&s).unwrap_err().to_string().contains("boxes 0 and 3"));
    }
}
