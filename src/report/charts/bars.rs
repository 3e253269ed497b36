//! Horizontal bar charts: one value per label, and several series per category (before
//! and after a consolidation). Horizontal because labels are agency and meeting names,
//! often twenty kanji long: they read left to right beside their bar and the chart grows
//! downwards with the count instead of slanting text under the axis.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{
    Chart, DrawResult, INK, MIN_TEXT_PX, MUTED, TITLE_HEIGHT, WIDTH, anchored, listed, no_data,
    render, text_size, text_style, titled,
};
use super::structure::wrap_to_width;
use super::text::{MAX_LABEL_COLUMNS, finite_or_zero, format_number, truncate_label};
use super::{ChartError, Rendered};

/// Pixels per bar in [`bar_chart`].
const ROW: u32 = 26;
/// Pixels per bar of one series in [`grouped_bars`].
const GROUPED_ROW: u32 = 17;
/// Space under the bars for the value axis and its description.
const AXIS: u32 = 64;
/// The label column never takes more than this share of the width.
const MAX_LABEL_SHARE: f64 = 0.45;

const BAR: RGBColor = RGBColor(46, 110, 172);
const NEGATIVE_BAR: RGBColor = RGBColor(213, 94, 0);

/// Series colours for [`grouped_bars`]: a light and a dark blue so "before" and "after"
/// read as one measure twice, then Okabe–Ito colours for further series.
const SERIES: [RGBColor; 6] = [
    RGBColor(150, 178, 214),
    RGBColor(31, 88, 160),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
];

/// A horizontal bar chart, bars top to bottom in the order given.
///
/// `axis_label` describes the value axis. Labels longer than
/// [`MAX_LABEL_COLUMNS`](super::MAX_LABEL_COLUMNS) columns are cut with "…"; the height
/// grows with the number of bars. Non-finite values are drawn as 0; negative values go
/// left of the axis in another colour. No bars gives the "no data" chart.
pub fn bar_chart(
    title: &str,
    bars: &[(String, f64)],
    axis_label: &str,
) -> Result<Rendered, ChartError> {
    if bars.is_empty() {
        return no_data(title);
    }
    let rows = bars
        .iter()
        .map(|(label, value)| Row {
            label: truncate_label(label, MAX_LABEL_COLUMNS).into_owned(),
            values: vec![finite_or_zero(*value)],
        })
        .collect();
    render(&Bars { title, axis_label, rows, series: Vec::new(), row_height: ROW })
}

/// Horizontal bars grouped by category, one bar per series (e.g. before and after a
/// consolidation), with a legend of the series names above the bars.
///
/// Each series has one value per category, in the order of `categories`.
///
/// # Errors
///
/// [`ChartError::Invalid`] when a series does not have exactly one value per category.
pub fn grouped_bars(
    title: &str,
    categories: &[String],
    series: &[(String, Vec<f64>)],
) -> Result<Rendered, ChartError> {
    for (name, values) in series {
        if values.len() != categories.len() {
            return Err(ChartError::Invalid(format!(
                "series '{name}' has {} values for {} categories; give one value per category",
                values.len(),
                categories.len()
            )));
        }
    }
    if categories.is_empty() || series.is_empty() {
        return no_data(title);
    }
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, label)| Row {
            label: truncate_label(label, MAX_LABEL_COLUMNS).into_owned(),
            values: series.iter().map(|(_, values)| finite_or_zero(values[i])).collect(),
        })
        .collect();
    let series: Vec<String> = series
        .iter()
        .map(|(name, _)| truncate_label(name, MAX_LABEL_COLUMNS).into_owned())
        .collect();
    let row_height = GROUPED_ROW * series.len() as u32 + 12;
    render(&Bars { title, axis_label: "", rows, series, row_height })
}

struct Row {
    label: String,
    values: Vec<f64>,
}

/// Both bar charts: `series` is empty for a plain bar chart (no legend, one value a row).
struct Bars<'a> {
    title: &'a str,
    axis_label: &'a str,
    rows: Vec<Row>,
    series: Vec<String>,
    row_height: u32,
}

impl Bars<'_> {
    fn legend_height(&self) -> u32 {
        if self.series.is_empty() { 0 } else { 30 }
    }

    fn value_range(&self) -> (f64, f64) {
        let values = self.rows.iter().flat_map(|row| row.values.iter().copied());
        let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let span = if hi > lo { hi - lo } else { 1.0 };
        // Room for the value printed at the end of the longest bar.
        let hi = if hi > 0.0 || lo == 0.0 { hi.max(0.0) + span * 0.14 } else { 0.0 };
        let lo = if lo < 0.0 { lo - span * 0.14 } else { 0.0 };
        (lo, hi)
    }

    fn draw_legend<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let style = anchored(text_style(MIN_TEXT_PX, INK), HPos::Left, VPos::Center);
        let mut x = 16;
        for (i, name) in self.series.iter().enumerate() {
            let color = SERIES[i % SERIES.len()];
            area.draw(&Rectangle::new([(x, 9), (x + 14, 23)], color.filled()))?;
            area.draw(&Text::new(name.as_str(), (x + 20, 16), style.clone()))?;
            x += 20 + text_size(name, &style).0 as i32 + 28;
        }
        Ok(())
    }
}

impl Chart for Bars<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        let row = |r: &Row| {
            let values: Vec<String> = r.values.iter().map(|&v| format_number(v)).collect();
            format!("{}: {}", r.label, values.join(" / "))
        };
        let head = if self.series.is_empty() {
            self.axis_label.to_string()
        } else {
            self.series.join(" / ")
        };
        format!("{head}. {}", listed(self.rows.iter().map(row), 60))
    }

    fn size(&self) -> (u32, u32) {
        let bars = self.rows.len() as u32 * self.row_height;
        (WIDTH, (super::render::TITLE_HEIGHT + self.legend_height() + 16 + bars + AXIS).max(240))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let body = titled(root, self.title)?;
        let body = if self.series.is_empty() {
            body
        } else {
            let (legend, rest) = body.split_vertically(self.legend_height());
            self.draw_legend(&legend)?;
            rest
        };
        let label_style = text_style(MIN_TEXT_PX, INK);
        let widest = self.rows.iter().map(|row| text_size(&row.label, &label_style).0).max();
        let label_width =
            (widest.unwrap_or(0) + 28).min((f64::from(WIDTH) * MAX_LABEL_SHARE) as u32);
        let (labels, plot) = body.split_horizontally(label_width);

        let n = self.rows.len() as f64;
        let (lo, hi) = self.value_range();
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(10)
            .margin_right(28)
            .x_label_area_size(AXIS - 10)
            .build_cartesian_2d(lo..hi, 0.0..n)?;
        let format = |v: &f64| format_number(*v);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(8)
            .x_label_formatter(&format)
            .x_desc(self.axis_label)
            .label_style(text_style(MIN_TEXT_PX, INK))
            .axis_desc_style(text_style(MIN_TEXT_PX, INK))
            .max_light_lines(1)
            .light_line_style(RGBColor(238, 238, 238))
            .bold_line_style(RGBColor(215, 215, 215))
            .axis_style(MUTED)
            .draw()?;

        let series = self.rows.first().map_or(1, |row| row.values.len()) as f64;
        let show_values = self.rows.len() * series as usize <= 80;
        let value_style = text_style(MIN_TEXT_PX, INK);
        let (labels_x, _) = labels.get_base_pixel();
        let label_right = labels_x + label_width as i32 - 10;
        for (i, row) in self.rows.iter().enumerate() {
            // Rows run top to bottom while the y axis runs upwards.
            let top = n - i as f64;
            let (inner_top, inner_bottom) = (top - 0.16, top - 1.0 + 0.16);
            let slot = (inner_top - inner_bottom) / series;
            for (j, &value) in row.values.iter().enumerate() {
                let color = if !self.series.is_empty() {
                    SERIES[j % SERIES.len()]
                } else if value < 0.0 {
                    NEGATIVE_BAR
                } else {
                    BAR
                };
                let y1 = inner_top - slot * j as f64;
                let y0 = y1 - slot + if self.series.len() > 1 { slot * 0.08 } else { 0.0 };
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (value, y1)],
                    color.filled(),
                )))?;
                if show_values {
                    let (offset, h) = if value < 0.0 { (-5, HPos::Right) } else { (5, HPos::Left) };
                    let style = anchored(value_style.clone(), h, VPos::Center);
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((value, (y0 + y1) / 2.0))
                            + Text::new(format_number(value), (offset, 0), style),
                    ))?;
                }
            }
            let (_, y) = chart.backend_coord(&(lo, top - 0.5));
            let style = anchored(label_style.clone(), HPos::Right, VPos::Center);
            root.draw(&Text::new(row.label.as_str(), (label_right, y), style))?;
        }
        Ok(())
    }
}

/// Panels side by side, one per measure, each with its own scale: one vertical bar per
/// series (e.g. before and after), the value above each bar and the series name under it.
/// Measures in different units (bodies, sessions, person-hours) never share an axis.
///
/// # Errors
///
/// [`ChartError::Invalid`] when a panel does not have exactly one value per series.
pub fn panel_bars(
    title: &str,
    series: &[String],
    panels: &[(String, Vec<f64>)],
) -> Result<Rendered, ChartError> {
    if let Some((name, values)) = panels.iter().find(|(_, v)| v.len() != series.len()) {
        return Err(ChartError::Invalid(format!(
            "panel '{name}' has {} values for {} series; give one value per series",
            values.len(),
            series.len()
        )));
    }
    if panels.is_empty() || series.is_empty() {
        return no_data(title);
    }
    let measure = |t: &str| text_size(t, &text_style(MIN_TEXT_PX, INK)).0 as f32;
    let panel_width = (WIDTH as i32 - 32) / panels.len() as i32;
    let heads: Vec<Vec<String>> = panels
        .iter()
        .map(|(name, _)| wrap_to_width(name, (panel_width - 16) as f32, measure))
        .collect();
    let head_lines = heads.iter().map(Vec::len).max().unwrap_or(1);
    let panels = panels
        .iter()
        .zip(heads)
        .map(|((_, values), head)| (head, values.iter().map(|&v| finite_or_zero(v)).collect()))
        .collect();
    render(&Panels { title, series, panels, panel_width, head_lines })
}

struct Panels<'a> {
    title: &'a str,
    series: &'a [String],
    /// Wrapped name and values of each panel.
    panels: Vec<(Vec<String>, Vec<f64>)>,
    panel_width: i32,
    head_lines: usize,
}

/// Height of the bars' area in [`panel_bars`].
const PANEL_PLOT: i32 = 220;
const PANEL_LINE: i32 = 22;

impl Chart for Panels<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        let panel = |(name, values): &(Vec<String>, Vec<f64>)| {
            let values: Vec<String> = self
                .series
                .iter()
                .zip(values)
                .map(|(s, &v)| format!("{s} {}", format_number(v)))
                .collect();
            format!("{}: {}", name.concat(), values.join(", "))
        };
        listed(self.panels.iter().map(panel), 20)
    }

    fn size(&self) -> (u32, u32) {
        let height = TITLE_HEIGHT as i32
            + self.head_lines as i32 * PANEL_LINE
            + 12
            + PANEL_PLOT
            + 2 * PANEL_LINE
            + 16;
        (WIDTH, height as u32)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        titled(root, self.title)?;
        let head = anchored(super::render::bold_style(MIN_TEXT_PX, INK), HPos::Center, VPos::Top);
        let value = anchored(text_style(MIN_TEXT_PX, INK), HPos::Center, VPos::Bottom);
        let name = anchored(text_style(MIN_TEXT_PX, INK), HPos::Center, VPos::Top);
        let top = TITLE_HEIGHT as i32 + self.head_lines as i32 * PANEL_LINE + 12;
        let base = top + PANEL_PLOT;
        for (p, (heading, values)) in self.panels.iter().enumerate() {
            let x0 = 16 + p as i32 * self.panel_width;
            let centre = x0 + self.panel_width / 2;
            for (k, line) in heading.iter().enumerate() {
                let at = (centre, TITLE_HEIGHT as i32 + k as i32 * PANEL_LINE);
                root.draw(&Text::new(line.as_str(), at, head.clone()))?;
            }
            let max = values.iter().copied().fold(0.0f64, f64::max);
            let scale = if max > 0.0 { f64::from(PANEL_PLOT - 2 * PANEL_LINE) / max } else { 0.0 };
            let slot = (self.panel_width - 40) / values.len() as i32;
            let bar = (slot * 3 / 5).min(90);
            for (s, &v) in values.iter().enumerate() {
                let mid = x0 + 20 + s as i32 * slot + slot / 2;
                let h = (v.max(0.0) * scale).round() as i32;
                let colour = SERIES[s % SERIES.len()];
                root.draw(&Rectangle::new(
                    [(mid - bar / 2, base - h), (mid + bar / 2, base)],
                    colour.filled(),
                ))?;
                root.draw(&Text::new(format_number(v), (mid, base - h - 4), value.clone()))?;
                let label = self.series[s].as_str();
                root.draw(&Text::new(label, (mid, base + 6), name.clone()))?;
            }
            root.draw(&PathElement::new(
                vec![(x0 + 12, base), (x0 + self.panel_width - 12, base)],
                MUTED.stroke_width(1),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{AGENCIES_EN, agencies_en, agencies_ja};
    use super::super::render::tests::{decode, inked_pixels};
    use super::*;

    fn ja_bars() -> Vec<(String, f64)> {
        agencies_ja().into_iter().zip([420.0, 310.5, 250.0, 198.0, 96.0, 12.0]).collect()
    }

    #[test]
    fn bar_chart_renders_japanese_labels_as_svg_text_and_png_pixels() {
        let chart = bar_chart("機関別の年間会議時間", &ja_bars(), "時間 / 年").unwrap();
        assert!(chart.svg.contains("機関別の年間会議時間"));
        assert!(chart.svg.contains("地域包括支援センター"));
        assert!(chart.svg.contains("時間 / 年"));
        assert!(chart.svg.contains("310.5"));
        let (width, _, _) = decode(&chart.png);
        assert_eq!(width, WIDTH);
        assert!(inked_pixels(&chart.png) > 5_000);
    }

    #[test]
    fn bar_chart_renders_english_labels_cutting_long_ones() {
        let bars: Vec<_> = agencies_en().into_iter().zip([5.0, 4.0, 3.0, 2.0, 1.0, 0.5]).collect();
        let chart = bar_chart("Annual meeting hours by agency", &bars, "hours / year").unwrap();
        assert!(chart.svg.contains("Welfare Division"));
        assert!(!chart.svg.contains(AGENCIES_EN[3]), "a 79-column label is cut");
        assert!(chart.svg.contains("Child and Family Support Division (secr…"));
    }

    #[test]
    fn bar_chart_height_grows_with_the_number_of_bars() {
        let few = bar_chart("t", &ja_bars()[..2], "h").unwrap();
        let many: Vec<_> = (0..40).map(|i| (format!("機関{i}"), f64::from(i))).collect();
        let many = bar_chart("t", &many, "h").unwrap();
        assert!(decode(&many.png).1 > decode(&few.png).1 + 500);
    }

    #[test]
    fn bar_chart_draws_negative_and_non_finite_values_without_failing() {
        let bars = vec![
            ("増加".to_string(), 12.0),
            ("減少".to_string(), -30.0),
            ("不明".to_string(), f64::NAN),
        ];
        let chart = bar_chart("増減", &bars, "時間").unwrap();
        assert!(chart.svg.contains("-30"));
    }

    #[test]
    fn bar_chart_of_nothing_says_no_data() {
        let chart = bar_chart("機関別の年間会議時間", &[], "時間").unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
    }

    #[test]
    fn bar_chart_is_byte_identical_for_the_same_input() {
        let a = bar_chart("機関別", &ja_bars(), "時間").unwrap();
        let b = bar_chart("機関別", &ja_bars(), "時間").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn labels_are_escaped_in_the_svg() {
        let bars = vec![("<script>alert(1)</script>".to_string(), 1.0)];
        let chart = bar_chart("<b>&title</b>", &bars, "\"axis\"").unwrap();
        assert!(!chart.svg.contains("<script>"));
        assert!(!chart.svg.contains("<b>"));
        assert!(chart.svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(chart.svg.contains("&amp;title"));
    }

    #[test]
    fn grouped_bars_render_before_and_after_with_a_legend_in_japanese_and_english() {
        let series = vec![
            ("再編前".to_string(), vec![420.0, 310.0, 250.0, 198.0, 96.0, 12.0]),
            ("再編後".to_string(), vec![300.0, 280.0, 120.0, 198.0, 40.0, 0.0]),
        ];
        let chart = grouped_bars("再編前後の会議時間", &agencies_ja(), &series).unwrap();
        assert!(chart.svg.contains("再編前") && chart.svg.contains("再編後"));
        assert!(chart.svg.contains("民生委員・児童委員協議会"));
        let series = vec![
            ("Before".to_string(), vec![4.0, 3.0, 2.0, 1.0, 1.0, 1.0]),
            ("After".to_string(), vec![2.0, 3.0, 1.0, 1.0, 0.0, 0.5]),
        ];
        let chart = grouped_bars("Before and after", &agencies_en(), &series).unwrap();
        assert!(chart.svg.contains("Before") && chart.svg.contains("After"));
        assert_eq!(chart, grouped_bars("Before and after", &agencies_en(), &series).unwrap());
    }

    #[test]
    fn grouped_bars_reject_a_series_of_the_wrong_length_naming_it() {
        let series = vec![("再編後".to_string(), vec![1.0])];
        let error = grouped_bars("t", &agencies_ja(), &series).unwrap_err();
        assert!(error.to_string().contains("'再編後' has 1 values for 6 categories"), "{error}");
    }

    #[test]
    fn grouped_bars_of_nothing_say_no_data() {
        let chart = grouped_bars("t", &[], &[("再編前".to_string(), vec![])]).unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
        let chart = grouped_bars("t", &agencies_ja(), &[]).unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
    }

    #[test]
    fn small_bar_chart_svg_matches_snapshot() {
        let bars = vec![("福祉課".to_string(), 120.0), ("Council".to_string(), 45.5)];
        let chart = bar_chart("会議時間 Meeting hours", &bars, "時間 hours").unwrap();
        insta::assert_snapshot!(chart.svg);
    }
}
