//! A heatmap of a rows × columns matrix, such as the overlap of participants between
//! meetings: white for 0, dark blue for the maximum, a colour scale under the grid.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{
    Chart, DrawResult, INK, MIN_TEXT_PX, MUTED, TITLE_HEIGHT, WIDTH, anchored, listed, mix,
    no_data, render, text_size, text_style, titled,
};
use super::text::{format_number, truncate_label};
use super::{ChartError, Rendered};

/// ColorBrewer "Blues" ends (Brewer 2003): a single-hue scale reads as "more" without a
/// legend lookup and survives greyscale printing.
const LOW: RGBColor = RGBColor(247, 251, 255);
const HIGH: RGBColor = RGBColor(8, 48, 107);
/// Cells whose value is not a number.
const MISSING: RGBColor = RGBColor(224, 224, 224);
const MAX_CELL: f64 = 44.0;
/// Row and column labels are drawn only when cells are at least this tall / wide.
const MIN_LABELLED_CELL: f64 = 11.0;
/// Values are printed in cells at least this big.
const MIN_VALUE_CELL: f64 = 40.0;
const LABEL_COLUMNS: usize = 30;
const LEGEND: u32 = 74;
const MARGIN: f64 = 16.0;

/// A heatmap with `rows` top to bottom and `cols` left to right; `values[r][c]` is the
/// cell of row `r` and column `c`.
///
/// Values in [0, 1] are drawn as they are (a share, a similarity); if any value exceeds
/// 1, all are divided by the largest, and the scale under the grid shows the largest.
/// Negative values count as 0; non-finite ones are grey. Values are printed in the cells
/// when the matrix is small enough for them to fit; row and column labels are drawn
/// while cells are at least 11 pixels. `legend` describes the colour scale.
///
/// # Errors
///
/// [`ChartError::Invalid`] when `values` is not `rows.len()` rows of `cols.len()` values.
pub fn heatmap(
    title: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<f64>],
    legend: &str,
) -> Result<Rendered, ChartError> {
    draw_heatmap(title, rows, cols, values, legend, None)
}

/// A square [`heatmap`] whose diagonal means something else than the other cells (a
/// field with itself): the diagonal is grey, without a value, and the legend names it
/// `diagonal` (e.g. 同一分野, "same field").
///
/// # Errors
///
/// As [`heatmap`].
pub fn heatmap_with_diagonal(
    title: &str,
    labels: &[String],
    values: &[Vec<f64>],
    legend: &str,
    diagonal: &str,
) -> Result<Rendered, ChartError> {
    draw_heatmap(title, labels, labels, values, legend, Some(diagonal))
}

fn draw_heatmap(
    title: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<f64>],
    legend: &str,
    diagonal: Option<&str>,
) -> Result<Rendered, ChartError> {
    if values.len() != rows.len() {
        return Err(ChartError::Invalid(format!(
            "the heatmap has {} rows of values for {} row labels",
            values.len(),
            rows.len()
        )));
    }
    if let Some((r, row)) = values.iter().enumerate().find(|(_, row)| row.len() != cols.len()) {
        return Err(ChartError::Invalid(format!(
            "heatmap row {} ('{}') has {} values for {} columns",
            r + 1,
            rows[r],
            row.len(),
            cols.len()
        )));
    }
    if rows.is_empty() || cols.is_empty() {
        return no_data(title);
    }
    let off_diagonal = |r: usize, c: usize| diagonal.is_none() || r != c;
    let max = values
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().filter(move |&(c, _)| off_diagonal(r, c)))
        .map(|(_, &v)| v)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let scale = if max > 1.0 { max } else { 1.0 };
    let cells = values
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, &v)| (v.is_finite() && off_diagonal(r, c)).then(|| v.max(0.0) / scale))
                .collect::<Vec<_>>()
        })
        .collect();
    let rows: Vec<String> =
        rows.iter().map(|r| truncate_label(r, LABEL_COLUMNS).into_owned()).collect();
    let cols: Vec<String> =
        cols.iter().map(|c| truncate_label(c, LABEL_COLUMNS).into_owned()).collect();
    let layout = Layout::new(&rows, &cols);
    render(&Heatmap { title, rows, cols, values, cells, scale, legend, layout, diagonal })
}

/// Pixel geometry, computed before drawing because the height depends on it.
struct Layout {
    cell: f64,
    row_label_width: f64,
    col_label_height: f64,
}

impl Layout {
    fn new(rows: &[String], cols: &[String]) -> Layout {
        let style = text_style(MIN_TEXT_PX, INK);
        let widest = |labels: &[String]| {
            labels.iter().map(|l| text_size(l, &style).0).max().unwrap_or(0) as f64 + 10.0
        };
        let row_label_width = widest(rows).min(300.0);
        let available = f64::from(WIDTH) - 2.0 * MARGIN - row_label_width;
        let cell = (available / cols.len() as f64).min(MAX_CELL);
        if cell < MIN_LABELLED_CELL {
            // Labels would overlap; the grid alone shows the structure.
            let available = f64::from(WIDTH) - 2.0 * MARGIN;
            let cell = (available / cols.len() as f64).min(MAX_CELL);
            return Layout { cell, row_label_width: 0.0, col_label_height: 8.0 };
        }
        Layout { cell, row_label_width, col_label_height: widest(cols).min(220.0) }
    }
}

struct Heatmap<'a> {
    title: &'a str,
    rows: Vec<String>,
    cols: Vec<String>,
    values: &'a [Vec<f64>],
    cells: Vec<Vec<Option<f64>>>,
    scale: f64,
    legend: &'a str,
    layout: Layout,
    /// What the grey diagonal means, when it is not data.
    diagonal: Option<&'a str>,
}

impl Heatmap<'_> {
    fn color(value: Option<f64>) -> RGBColor {
        value.map_or(MISSING, |v| mix(LOW, HIGH, v))
    }

    fn draw_legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        x: i32,
    ) -> DrawResult<DB> {
        let style = text_style(MIN_TEXT_PX, INK);
        area.draw(&Text::new(
            self.legend,
            (x, 10),
            anchored(style.clone(), HPos::Left, VPos::Top),
        ))?;
        const STEPS: i32 = 60;
        const BAR_WIDTH: i32 = 240;
        for step in 0..STEPS {
            let x0 = x + step * BAR_WIDTH / STEPS;
            let x1 = x + (step + 1) * BAR_WIDTH / STEPS;
            let color = mix(LOW, HIGH, f64::from(step) / f64::from(STEPS - 1));
            area.draw(&Rectangle::new([(x0, 30), (x1, 44)], color.filled()))?;
        }
        area.draw(&Rectangle::new([(x, 30), (x + BAR_WIDTH, 44)], MUTED.stroke_width(1)))?;
        let ends = anchored(style.clone(), HPos::Center, VPos::Top);
        area.draw(&Text::new("0", (x, 48), ends.clone()))?;
        area.draw(&Text::new(format_number(self.scale), (x + BAR_WIDTH, 48), ends))?;
        if let Some(diagonal) = self.diagonal {
            let x = x + BAR_WIDTH + 40;
            area.draw(&Rectangle::new([(x, 30), (x + 18, 44)], MISSING.filled()))?;
            area.draw(&Rectangle::new([(x, 30), (x + 18, 44)], MUTED.stroke_width(1)))?;
            let side = anchored(style, HPos::Left, VPos::Center);
            area.draw(&Text::new(diagonal, (x + 26, 37), side))?;
        }
        Ok(())
    }
}

impl Chart for Heatmap<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        let mut cells = Vec::new();
        for (r, row) in self.values.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                if self.cells[r][c].is_some() && v > 0.0 && (self.rows != self.cols || c > r) {
                    cells.push(format!(
                        "{} × {}: {}",
                        self.rows[r],
                        self.cols[c],
                        format_number(v)
                    ));
                }
            }
        }
        format!("{}. {}", self.legend, listed(cells.into_iter(), 80))
    }

    fn size(&self) -> (u32, u32) {
        let grid = (self.layout.cell * self.rows.len() as f64).ceil() as u32;
        (WIDTH, TITLE_HEIGHT + self.layout.col_label_height as u32 + grid + LEGEND + 16)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let body = titled(root, self.title)?;
        let Layout { cell, row_label_width, col_label_height } = self.layout;
        let left = MARGIN + row_label_width;
        let top = col_label_height;
        let labelled = row_label_width > 0.0;
        let at = |offset: f64, i: usize| (offset + i as f64 * cell).round() as i32;

        for (r, row) in self.cells.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                let (x0, x1) = (at(left, c), at(left, c + 1));
                let (y0, y1) = (at(top, r), at(top, r + 1));
                if x1 > x0 && y1 > y0 {
                    body.draw(&Rectangle::new([(x0, y0), (x1, y1)], Self::color(value).filled()))?;
                }
            }
        }
        if cell >= MIN_VALUE_CELL {
            for (r, row) in self.cells.iter().enumerate() {
                for (c, &value) in row.iter().enumerate() {
                    let Some(share) = value else { continue };
                    let raw = self.values[r][c].max(0.0);
                    let text =
                        if self.scale > 1.0 { format_number(raw) } else { format!("{raw:.2}") };
                    let ink = if share > 0.55 { WHITE } else { INK };
                    let style = anchored(text_style(MIN_TEXT_PX, ink), HPos::Center, VPos::Center);
                    let centre =
                        ((at(left, c) + at(left, c + 1)) / 2, (at(top, r) + at(top, r + 1)) / 2);
                    body.draw(&Text::new(text, centre, style))?;
                }
            }
        }
        if labelled {
            let style = text_style(MIN_TEXT_PX, INK);
            let row_style = anchored(style.clone(), HPos::Right, VPos::Center);
            for (r, label) in self.rows.iter().enumerate() {
                let y = (at(top, r) + at(top, r + 1)) / 2;
                body.draw(&Text::new(label.as_str(), (left as i32 - 6, y), row_style.clone()))?;
            }
            // Column labels read upwards from the top of their column.
            let col_style =
                anchored(style.transform(FontTransform::Rotate270), HPos::Left, VPos::Center);
            for (c, label) in self.cols.iter().enumerate() {
                let x = (at(left, c) + at(left, c + 1)) / 2;
                body.draw(&Text::new(label.as_str(), (x, top as i32 - 6), col_style.clone()))?;
            }
        }
        let grid_bottom = at(top, self.rows.len());
        let (_, height) = body.dim_in_pixel();
        let (_, legend) = body.split_vertically((grid_bottom + 6).min(height as i32));
        self.draw_legend(&legend, MARGIN as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{agencies_en, agencies_ja};
    use super::super::render::tests::{decode, draws_text, inked_pixels};
    use super::*;

    fn similarity(n: usize) -> Vec<Vec<f64>> {
        (0..n)
            .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 1.0 / (1 + i + j) as f64 }).collect())
            .collect()
    }

    #[test]
    fn heatmap_renders_japanese_labels_and_cell_values() {
        let labels = agencies_ja();
        let chart = heatmap(
            "会議間の参加者の重なり",
            &labels,
            &labels,
            &similarity(6),
            "重なり（ジャカード係数）",
        )
        .unwrap();
        assert!(chart.svg.contains("保健センター"));
        assert!(chart.svg.contains("重なり（ジャカード係数）"));
        assert!(draws_text(&chart.svg, "0.33"), "cells print their values");
        assert!(inked_pixels(&chart.png) > 20_000);
    }

    #[test]
    fn heatmap_renders_english_and_normalises_counts_by_the_maximum() {
        let labels = agencies_en();
        let counts: Vec<Vec<f64>> =
            (0..6).map(|i| (0..6).map(|j| (i * j) as f64 * 10.0).collect()).collect();
        let chart = heatmap("Shared members", &labels, &labels, &counts, "members").unwrap();
        assert!(draws_text(&chart.svg, "250"), "counts are printed as counts");
        assert!(!draws_text(&chart.svg, "1.00"));
        assert_eq!(chart, heatmap("Shared members", &labels, &labels, &counts, "members").unwrap());
    }

    #[test]
    fn large_heatmap_drops_labels_and_values_but_keeps_the_grid() {
        let labels: Vec<String> = (0..200).map(|i| format!("会議{i}")).collect();
        let chart = heatmap("重なり", &labels, &labels, &similarity(200), "類似度").unwrap();
        assert!(!chart.svg.contains("会議199"));
        let (width, height, _) = decode(&chart.png);
        assert_eq!(width, WIDTH);
        assert!(height > 800);
    }

    #[test]
    fn heatmap_rejects_a_row_of_the_wrong_length_naming_it() {
        let rows = vec!["福祉課".to_string(), "保健センター".to_string()];
        let cols = vec!["A".to_string(), "B".to_string()];
        let error = heatmap("t", &rows, &cols, &[vec![0.1, 0.2], vec![0.3]], "l").unwrap_err();
        assert!(error.to_string().contains("row 2 ('保健センター') has 1 values"), "{error}");
        let error = heatmap("t", &rows, &cols, &[vec![0.1, 0.2]], "l").unwrap_err();
        assert!(error.to_string().contains("1 rows of values for 2 row labels"), "{error}");
    }

    #[test]
    fn heatmap_of_nothing_says_no_data() {
        let chart = heatmap("重なり", &[], &[], &[], "l").unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
    }

    #[test]
    fn heatmap_draws_non_finite_cells_grey() {
        let labels = vec!["a".to_string()];
        let chart = heatmap("t", &labels, &labels, &[vec![f64::NAN]], "l").unwrap();
        assert!(chart.svg.contains("#E0E0E0"), "missing cells are grey");
    }
}
