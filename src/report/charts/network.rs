//! The agency network: agencies as circles coloured by sector and sized by load, joined
//! by the meetings they share; brokers ringed, articulation points boxed; for the annual
//! review, links gained drawn green and links lost red and dashed.

use std::collections::BTreeSet;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::lang::Lang;

use super::palette::sector_colour;
use super::render::{
    Chart, DrawResult, INK, MIN_TEXT_PX, MUTED, TITLE_HEIGHT, WIDTH, anchored, bold_style, listed,
    mix, no_data, render, text_size, text_style, titled,
};
use super::structure::wrap_to_width;
use super::text::{finite_or_zero, truncate_label};
use super::{ChartError, Rendered};

const HEIGHT: u32 = 720;
const LEGEND_WIDTH: u32 = 250;
const MARGIN: f64 = 36.0;
const LEGEND_ROW: i32 = 21;
/// Node labels are shorter than bar labels: they sit inside the drawing.
const NODE_LABEL_COLUMNS: usize = 24;
/// Every node is labelled up to this many; above, only brokers, articulation points and
/// the few largest nodes: a picture with 25 names is a hairball nobody reads.
const LABEL_ALL_UP_TO: usize = 12;
const LABEL_LARGEST: usize = 5;
const GAINED: RGBColor = RGBColor(0, 150, 70);
const LOST: RGBColor = RGBColor(200, 30, 30);

/// One agency in [`network`].
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkNode {
    /// Name drawn beside the node.
    pub label: String,
    /// Colour group, usually the sector.
    pub group: String,
    /// Area of the node relative to the others (e.g. annual meeting hours).
    pub size: f64,
    /// Drawn with a ring: bridges otherwise separate parts (high betweenness).
    pub broker: bool,
    /// Drawn with a square: removing it disconnects the network.
    pub articulation: bool,
    /// Drawn pale, e.g. an agency present only in the other year of a review.
    pub faded: bool,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeStyle {
    /// Grey.
    #[default]
    Normal,
    /// A link new this year: green.
    Gained,
    /// A link gone this year: red and dashed.
    Lost,
}

/// A link between nodes `a` and `b` (indices into the nodes) in [`network`].
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkEdge {
    /// One end.
    pub a: usize,
    /// The other end.
    pub b: usize,
    /// Strength (e.g. shared meeting hours): line width and opacity.
    pub weight: f64,
    /// Normal, gained or lost.
    pub style: EdgeStyle,
}

/// Texts of the network legend. Only entries the chart uses are drawn (no "lost" entry
/// without lost edges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkLegend<'a> {
    /// Heading above the groups, e.g. "分野".
    pub title: &'a str,
    /// Entry for the ring.
    pub broker: &'a str,
    /// Entry for the square.
    pub articulation: &'a str,
    /// Entry for green edges.
    pub gained: &'a str,
    /// Entry for red dashed edges.
    pub lost: &'a str,
    /// Entry for pale nodes.
    pub faded: &'a str,
}

impl<'a> NetworkLegend<'a> {
    /// The legend texts in `lang` under the heading `title`.
    pub fn new(lang: Lang, title: &'a str) -> NetworkLegend<'a> {
        NetworkLegend {
            title,
            broker: lang.pick("仲介役（橋渡し）", "Broker (bridges groups)"),
            articulation: lang.pick("切断点（抜けると分断）", "Cut point (its loss splits)"),
            gained: lang.pick("新たなつながり", "Link gained"),
            lost: lang.pick("失われたつながり", "Link lost"),
            faded: lang.pick("比較年のみ", "Other year only"),
        }
    }
}

/// Colours for groups (sectors, in either language): the distinct groups sorted, each
/// with its sector's fixed colour ([`sector_colour`]), so a sector has the same colour in
/// every chart, language, year and network file.
///
/// ```
/// use kaigi::report::charts::sector_palette;
/// let groups = ["地域".to_string(), "行政".to_string(), "地域".to_string()];
/// let palette = sector_palette(&groups);
/// assert_eq!(palette.len(), 2);
/// assert_eq!(palette[0].0, "地域"); // sorted by code point: 地 (U+5730) before 行 (U+884C)
/// ```
pub fn sector_palette(groups: &[String]) -> Vec<(String, RGBColor)> {
    let distinct: BTreeSet<&String> = groups.iter().collect();
    distinct.into_iter().map(|group| (group.clone(), sector_colour(group))).collect()
}

/// The network with Japanese legend entries under `legend_title`; see
/// [`network_with_legend`] for other texts.
///
/// # Errors
///
/// As [`network_with_legend`].
pub fn network(
    title: &str,
    nodes: &[NetworkNode],
    edges: &[NetworkEdge],
    positions: &[(f64, f64)],
    legend_title: &str,
) -> Result<Rendered, ChartError> {
    network_with_legend(title, nodes, edges, positions, &NetworkLegend::new(Lang::Ja, legend_title))
}

/// The network drawn at `positions` (one per node, in [0, 1]², e.g. from
/// [`force_layout`](super::force_layout)), coloured by group with [`sector_palette`],
/// node area proportional to `size`, edge width to `weight`. Brokers get a ring,
/// articulation points a square. Up to 60 nodes every label is drawn; above, the labels of
/// brokers, articulation points and the 20 largest nodes. No nodes gives the "no data"
/// chart.
///
/// # Errors
///
/// [`ChartError::Invalid`] when there is not one position per node, or an edge names a
/// node that does not exist.
pub fn network_with_legend(
    title: &str,
    nodes: &[NetworkNode],
    edges: &[NetworkEdge],
    positions: &[(f64, f64)],
    legend: &NetworkLegend<'_>,
) -> Result<Rendered, ChartError> {
    if positions.len() != nodes.len() {
        return Err(ChartError::Invalid(format!(
            "the network has {} positions for {} nodes; give one position per node",
            positions.len(),
            nodes.len()
        )));
    }
    if let Some(edge) = edges.iter().find(|e| e.a >= nodes.len() || e.b >= nodes.len()) {
        return Err(ChartError::Invalid(format!(
            "an edge joins nodes {} and {}, but there are only {} nodes (numbered from 0)",
            edge.a,
            edge.b,
            nodes.len()
        )));
    }
    if nodes.is_empty() {
        return no_data(title);
    }
    let groups: Vec<String> = nodes.iter().map(|node| node.group.clone()).collect();
    render(&Network { title, nodes, edges, positions, legend, palette: sector_palette(&groups) })
}

struct Network<'a> {
    title: &'a str,
    nodes: &'a [NetworkNode],
    edges: &'a [NetworkEdge],
    positions: &'a [(f64, f64)],
    legend: &'a NetworkLegend<'a>,
    palette: Vec<(String, RGBColor)>,
}

impl Network<'_> {
    fn color(&self, group: &str) -> RGBColor {
        let i = self.palette.binary_search_by(|(g, _)| g.as_str().cmp(group));
        i.map_or(MUTED, |i| self.palette[i].1)
    }

    fn radius(&self, node: &NetworkNode, max_size: f64) -> i32 {
        let size = finite_or_zero(node.size).max(0.0);
        let share = if max_size > 0.0 { size / max_size } else { 0.5 };
        (4.0 + 11.0 * share.sqrt()).round() as i32
    }

    fn labelled(&self) -> Vec<bool> {
        let n = self.nodes.len();
        if n <= LABEL_ALL_UP_TO {
            return vec![true; n];
        }
        let mut by_size: Vec<usize> = (0..n).collect();
        by_size.sort_by(|&a, &b| {
            finite_or_zero(self.nodes[b].size).total_cmp(&finite_or_zero(self.nodes[a].size))
        });
        let mut labelled: Vec<bool> =
            self.nodes.iter().map(|node| node.broker || node.articulation).collect();
        for &i in by_size.iter().take(LABEL_LARGEST) {
            labelled[i] = true;
        }
        labelled
    }

    fn draw_legend<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let x = (WIDTH - LEGEND_WIDTH) as i32 + 8;
        let mut y = TITLE_HEIGHT as i32 + 16;
        let heading = anchored(bold_style(MIN_TEXT_PX, INK), HPos::Left, VPos::Center);
        root.draw(&Text::new(truncate_label(self.legend.title, 30).as_ref(), (x, y), heading))?;
        y += LEGEND_ROW + 4;
        let entry = anchored(text_style(MIN_TEXT_PX, INK), HPos::Left, VPos::Center);
        let bottom = (HEIGHT - 24) as i32 - 5 * LEGEND_ROW;
        // Sectors sharing a colour (the light grey of "other" sectors) share one entry.
        let mut merged: Vec<(Vec<&str>, RGBColor)> = Vec::new();
        for (group, color) in &self.palette {
            match merged.iter_mut().find(|(_, c)| c == color) {
                Some((groups, _)) => groups.push(group),
                None => merged.push((vec![group.as_str()], *color)),
            }
        }
        let measure = |t: &str| text_size(t, &entry).0 as f32;
        for (shown, (groups, color)) in merged.iter().enumerate() {
            if y > bottom {
                let more = format!("… +{}", merged.len() - shown);
                root.draw(&Text::new(more, (x + 18, y), entry.clone()))?;
                y += LEGEND_ROW;
                break;
            }
            root.draw(&Circle::new((x + 6, y), 6, color.filled()))?;
            let label = groups.join(" / ");
            for line in wrap_to_width(&label, (LEGEND_WIDTH - 30) as f32, measure).iter().take(3) {
                root.draw(&Text::new(line.as_str(), (x + 18, y), entry.clone()))?;
                y += LEGEND_ROW;
            }
        }
        y += 8;
        let any = |f: fn(&NetworkNode) -> bool| self.nodes.iter().any(f);
        if any(|node| node.broker) {
            root.draw(&Circle::new((x + 6, y), 5, MUTED.filled()))?;
            root.draw(&Circle::new((x + 6, y), 8, INK.stroke_width(2)))?;
            root.draw(&Text::new(self.legend.broker, (x + 18, y), entry.clone()))?;
            y += LEGEND_ROW;
        }
        if any(|node| node.articulation) {
            root.draw(&Circle::new((x + 6, y), 5, MUTED.filled()))?;
            root.draw(&Rectangle::new([(x - 2, y - 8), (x + 14, y + 8)], INK.stroke_width(2)))?;
            root.draw(&Text::new(self.legend.articulation, (x + 18, y), entry.clone()))?;
            y += LEGEND_ROW;
        }
        if any(|node| node.faded) {
            root.draw(&Circle::new((x + 6, y), 6, mix(MUTED, WHITE, 0.65).filled()))?;
            root.draw(&Text::new(self.legend.faded, (x + 18, y), entry.clone()))?;
            y += LEGEND_ROW;
        }
        let has = |style: EdgeStyle| self.edges.iter().any(|e| e.style == style);
        if has(EdgeStyle::Gained) {
            root.draw(&PathElement::new([(x - 4, y), (x + 14, y)], GAINED.stroke_width(3)))?;
            root.draw(&Text::new(self.legend.gained, (x + 18, y), entry.clone()))?;
            y += LEGEND_ROW;
        }
        if has(EdgeStyle::Lost) {
            root.draw(&DashedPathElement::new(
                [(x - 4, y), (x + 14, y)],
                5,
                3,
                LOST.stroke_width(3),
            ))?;
            root.draw(&Text::new(self.legend.lost, (x + 18, y), entry))?;
        }
        Ok(())
    }
}

impl Chart for Network<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        let marked: Vec<String> = self
            .nodes
            .iter()
            .filter(|n| n.broker || n.articulation)
            .map(|n| {
                let mut marks = Vec::new();
                if n.broker {
                    marks.push(self.legend.broker);
                }
                if n.articulation {
                    marks.push(self.legend.articulation);
                }
                format!("{} ({}, {})", n.label, n.group, marks.join(", "))
            })
            .collect();
        format!(
            "{} nodes, {} edges. {}",
            self.nodes.len(),
            self.edges.len(),
            listed(marked.into_iter(), 30)
        )
    }

    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        titled(root, self.title)?;
        let left = MARGIN;
        let top = f64::from(TITLE_HEIGHT) + 12.0;
        let width = f64::from(WIDTH - LEGEND_WIDTH) - 2.0 * MARGIN;
        let height = f64::from(HEIGHT) - top - MARGIN;
        let pixel: Vec<(i32, i32)> = self
            .positions
            .iter()
            .map(|&(x, y)| {
                let (x, y) = (finite_or_zero(x).clamp(0.0, 1.0), finite_or_zero(y).clamp(0.0, 1.0));
                ((left + x * width).round() as i32, (top + y * height).round() as i32)
            })
            .collect();

        let max_weight = self.edges.iter().fold(0.0f64, |m, e| m.max(finite_or_zero(e.weight)));
        // Grey first, then lost, then gained on top: the review's changes stay visible.
        let mut order: Vec<&NetworkEdge> = self.edges.iter().collect();
        order.sort_by_key(|e| match e.style {
            EdgeStyle::Normal => 0,
            EdgeStyle::Lost => 1,
            EdgeStyle::Gained => 2,
        });
        for edge in order {
            if edge.a == edge.b {
                continue;
            }
            let share = if max_weight > 0.0 {
                finite_or_zero(edge.weight).max(0.0) / max_weight
            } else {
                0.5
            };
            let faded = self.nodes[edge.a].faded || self.nodes[edge.b].faded;
            let alpha = if faded { 0.4 } else { 1.0 };
            let width = 1 + (3.0 * share).round() as u32;
            let ends = [pixel[edge.a], pixel[edge.b]];
            match edge.style {
                EdgeStyle::Normal => {
                    let color = RGBColor(90, 90, 90).mix(alpha * (0.22 + 0.4 * share));
                    root.draw(&PathElement::new(ends, color.stroke_width(width)))?;
                }
                EdgeStyle::Gained => {
                    let color = GAINED.mix(alpha * 0.9);
                    root.draw(&PathElement::new(ends, color.stroke_width(width.max(2))))?;
                }
                EdgeStyle::Lost => {
                    let color = LOST.mix(alpha * 0.9);
                    let style = color.stroke_width(width.max(2));
                    root.draw(&DashedPathElement::new(ends, 7, 5, style))?;
                }
            }
        }

        let max_size = self.nodes.iter().fold(0.0f64, |m, node| m.max(finite_or_zero(node.size)));
        let radii: Vec<i32> = self.nodes.iter().map(|node| self.radius(node, max_size)).collect();
        // Faded nodes underneath, then large before small so small ones stay visible.
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&i| (!self.nodes[i].faded, std::cmp::Reverse(radii[i])));
        for &i in &order {
            let node = &self.nodes[i];
            let (centre, r) = (pixel[i], radii[i]);
            let base = self.color(&node.group);
            let (fill, outline) = if node.faded {
                (mix(base, WHITE, 0.65), mix(MUTED, WHITE, 0.5))
            } else {
                (base, mix(base, BLACK, 0.35))
            };
            root.draw(&Circle::new(centre, r, fill.filled()))?;
            root.draw(&Circle::new(centre, r, outline.stroke_width(1)))?;
            let mark = if node.faded { mix(INK, WHITE, 0.5) } else { INK };
            if node.broker {
                root.draw(&Circle::new(centre, r + 4, mark.stroke_width(2)))?;
            }
            if node.articulation {
                let half = r + if node.broker { 7 } else { 4 };
                let corners =
                    [(centre.0 - half, centre.1 - half), (centre.0 + half, centre.1 + half)];
                root.draw(&Rectangle::new(corners, mark.stroke_width(2)))?;
            }
        }

        let labelled = self.labelled();
        let nodes: Vec<Box2> = (0..self.nodes.len())
            .map(|i| {
                let ((x, y), r) = (pixel[i], radii[i]);
                (x - r, y - r, x + r, y + r)
            })
            .collect();
        // Important labels first: they get the best places.
        let mut order: Vec<usize> = (0..self.nodes.len()).filter(|&i| labelled[i]).collect();
        order.sort_by_key(|&i| {
            let node = &self.nodes[i];
            (node.faded, !(node.broker || node.articulation), std::cmp::Reverse(radii[i]), i)
        });
        let bounds = (0, TITLE_HEIGHT as i32, (WIDTH - LEGEND_WIDTH) as i32, HEIGHT as i32);
        let mut placed: Vec<Box2> = Vec::new();
        for i in order {
            let node = &self.nodes[i];
            let color = if node.faded { MUTED } else { INK };
            let label = truncate_label(&node.label, NODE_LABEL_COLUMNS);
            let style = text_style(MIN_TEXT_PX, color);
            let (w, h) = text_size(&label, &style);
            let placement =
                place_label(pixel[i], radii[i], (w as i32, h as i32), bounds, &placed, &nodes, i);
            let (x0, y0, x1, y1) = placement;
            // A translucent backing keeps the label readable over edges.
            root.draw(&Rectangle::new([(x0 - 2, y0), (x1 + 2, y1)], WHITE.mix(0.7).filled()))?;
            let style = anchored(style, HPos::Left, VPos::Center);
            root.draw(&Text::new(label.as_ref(), (x0, (y0 + y1) / 2), style))?;
            placed.push(placement);
        }
        self.draw_legend(root)
    }
}

/// A box in pixels: left, top, right, bottom.
type Box2 = (i32, i32, i32, i32);

fn overlap(a: Box2, b: Box2) -> i64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0);
    i64::from(w) * i64::from(h)
}

/// Where to put a `size` label for the node at `centre` with radius `r`: right of it,
/// left, above or below, whichever covers the least of the labels already placed, the
/// other nodes and the outside of `bounds` (ties go in that order). A greedy placement,
/// good enough for the few dozen labels a chart draws.
fn place_label(
    centre: (i32, i32),
    r: i32,
    (w, h): (i32, i32),
    bounds: Box2,
    placed: &[Box2],
    nodes: &[Box2],
    own: usize,
) -> Box2 {
    let (x, y) = centre;
    let half = h / 2 + 1;
    let candidates = [
        (x + r + 5, y - half, x + r + 5 + w, y + half),
        (x - r - 5 - w, y - half, x - r - 5, y + half),
        (x - w / 2, y - r - 3 - 2 * half, x + w / 2, y - r - 3),
        (x - w / 2, y + r + 3, x + w / 2, y + r + 3 + 2 * half),
    ];
    let cost = |candidate: Box2| {
        let area = i64::from(w) * i64::from(2 * half);
        let outside = area - overlap(candidate, bounds);
        let labels: i64 = placed.iter().map(|&b| overlap(candidate, b)).sum();
        let others: i64 = nodes
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != own)
            .map(|(_, &b)| overlap(candidate, b))
            .sum();
        outside * 4 + labels * 2 + others
    };
    let mut best = candidates[0];
    let mut best_cost = cost(best);
    for &candidate in &candidates[1..] {
        let c = cost(candidate);
        if c < best_cost {
            (best, best_cost) = (candidate, c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{SECTORS_JA, agencies_en, agencies_ja};
    use super::super::force_layout;
    use super::super::render::tests::inked_pixels;
    use super::*;

    pub(crate) fn sample(labels: Vec<String>) -> (Vec<NetworkNode>, Vec<NetworkEdge>) {
        let nodes = labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| NetworkNode {
                label,
                group: SECTORS_JA[i % 3].to_string(),
                size: (i + 1) as f64 * 10.0,
                broker: i == 1,
                articulation: i == 2,
                faded: i == 5,
            })
            .collect();
        let edges = [(0, 1, 3.0), (1, 2, 1.0), (2, 3, 2.0), (1, 4, 1.0), (4, 5, 0.5), (0, 4, 1.0)]
            .into_iter()
            .enumerate()
            .map(|(i, (a, b, weight))| NetworkEdge {
                a,
                b,
                weight,
                style: match i {
                    4 => EdgeStyle::Lost,
                    5 => EdgeStyle::Gained,
                    _ => EdgeStyle::Normal,
                },
            })
            .collect();
        (nodes, edges)
    }

    fn positions(edges: &[NetworkEdge], n: usize) -> Vec<(f64, f64)> {
        let springs: Vec<_> = edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
        force_layout(n, &springs, &[], 5)
    }

    #[test]
    fn network_renders_japanese_labels_groups_and_legend() {
        let (nodes, edges) = sample(agencies_ja());
        let chart =
            network("機関のつながり", &nodes, &edges, &positions(&edges, 6), "分野").unwrap();
        for text in ["機関のつながり", "分野", "社会福祉協議会", "行政", "地域", "医療"]
        {
            assert!(chart.svg.contains(text), "{text} missing");
        }
        for text in
            ["仲介役（橋渡し）", "切断点（抜けると分断）", "新たなつながり", "失われたつながり"]
        {
            assert!(chart.svg.contains(text), "{text} missing");
        }
        assert!(
            chart.svg.contains("stroke-dasharray") || chart.svg.matches("<polyline").count() > 6
        );
        assert!(inked_pixels(&chart.png) > 10_000);
    }

    #[test]
    fn network_renders_english_legend_and_omits_unused_entries() {
        let (mut nodes, edges) = sample(agencies_en());
        for node in &mut nodes {
            node.broker = false;
        }
        let edges: Vec<_> = edges.into_iter().filter(|e| e.style != EdgeStyle::Lost).collect();
        let legend = NetworkLegend::new(Lang::En, "Sector");
        let chart =
            network_with_legend("Links", &nodes, &edges, &positions(&edges, 6), &legend).unwrap();
        assert!(chart.svg.contains("Health Center") && chart.svg.contains("Link gained"));
        assert!(!chart.svg.contains("Broker") && !chart.svg.contains("Link lost"));
    }

    #[test]
    fn network_is_byte_identical_for_the_same_input() {
        let (nodes, edges) = sample(agencies_ja());
        let at = positions(&edges, 6);
        assert_eq!(
            network("t", &nodes, &edges, &at, "分野").unwrap(),
            network("t", &nodes, &edges, &at, "分野").unwrap()
        );
    }

    #[test]
    fn network_rejects_missing_positions_and_dangling_edges() {
        let (nodes, mut edges) = sample(agencies_ja());
        let error = network("t", &nodes, &edges, &[(0.5, 0.5)], "分野").unwrap_err();
        assert!(error.to_string().contains("1 positions for 6 nodes"), "{error}");
        edges.push(NetworkEdge { a: 0, b: 6, weight: 1.0, style: EdgeStyle::Normal });
        let error = network("t", &nodes, &edges, &positions(&edges[..6], 6), "分野").unwrap_err();
        assert!(error.to_string().contains("nodes 0 and 6"), "{error}");
    }

    #[test]
    fn network_of_nothing_says_no_data() {
        let chart = network("機関のつながり", &[], &[], &[], "分野").unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
    }

    #[test]
    fn large_network_labels_only_marked_and_largest_nodes() {
        use super::super::palette::OTHER_SECTOR as OTHER;
        let n = 300;
        let labels: Vec<String> = (0..n).map(|i| format!("機関{i:03}")).collect();
        let nodes: Vec<NetworkNode> = labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| NetworkNode {
                label,
                group: format!("分野{}", i % 40),
                size: i as f64,
                broker: i == 3,
                articulation: false,
                faded: false,
            })
            .collect();
        let edges: Vec<NetworkEdge> = (0..n)
            .map(|i| NetworkEdge { a: i, b: (i + 1) % n, weight: 1.0, style: EdgeStyle::Normal })
            .collect();
        let chart = network("t", &nodes, &edges, &positions(&edges, n), "分野").unwrap();
        use super::super::render::tests::draws_text;
        // The broker and the five largest are named; nobody else.
        assert!(draws_text(&chart.svg, "機関299") && draws_text(&chart.svg, "機関003"));
        assert!(draws_text(&chart.svg, "機関295"));
        assert!(!draws_text(&chart.svg, "機関294"));
        assert!(!draws_text(&chart.svg, "機関100"));
        // Forty unknown groups share the grey of "other" sectors: one legend entry.
        let grey = format!("fill=\"#{:02X}{:02X}{:02X}\"", OTHER.0, OTHER.1, OTHER.2);
        assert!(chart.svg.matches(&grey).count() > 1);
        assert!(!chart.svg.contains("… +"));
    }

    #[test]
    fn palette_is_sorted_and_the_same_in_both_languages() {
        let ja: Vec<String> = ["障害", "高齢", "高齢"].iter().map(|s| s.to_string()).collect();
        let en: Vec<String> = ["disability", "elderly"].iter().map(|s| s.to_string()).collect();
        let (ja, en) = (sector_palette(&ja), sector_palette(&en));
        assert_eq!(ja.len(), 2);
        assert_eq!(ja[0].0, "障害"); // 障 (U+969C) before 高 (U+9AD8)
        assert_eq!(ja[0].1, en[0].1);
        assert_eq!(ja[1].1, en[1].1);
        assert_ne!(ja[0].1, ja[1].1);
    }
}
