//! The Lorenz curve: how unevenly meeting hours fall on agencies. Agencies are sorted
//! from the least to the most loaded; the curve plots their cumulative share of agencies
//! against their cumulative share of hours, and the dashed diagonal is perfect equality
//! (Lorenz 1905). The gap between them is what the Gini coefficient measures.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{
    Chart, DrawResult, INK, MIN_TEXT_PX, MUTED, WIDTH, anchored, no_data, render, text_size,
    text_style, titled,
};
use super::structure::wrap_to_width;
use super::{ChartError, Rendered};

const HEIGHT: u32 = 660;
const CAPTION: u32 = 52;
const CURVE: RGBColor = RGBColor(31, 88, 160);
/// A Lorenz curve of `values` (one per agency, in any order) with the line of equality,
/// `axes` the titles of the x axis (the share of units, poorest first) and the y axis (the
/// share of the total they hold), and `caption` under the plot (for example the Gini
/// coefficient and what it means), wrapped to the chart's width.
///
/// Negative and non-finite values count as 0. No values, or values that sum to 0, give
/// the "no data" chart: the curve is undefined.
pub fn lorenz_curve(
    title: &str,
    values: &[f64],
    axes: [&str; 2],
    caption: &str,
) -> Result<Rendered, ChartError> {
    let mut sorted: Vec<f64> =
        values.iter().map(|&v| if v.is_finite() && v > 0.0 { v } else { 0.0 }).collect();
    let total: f64 = sorted.iter().sum();
    if sorted.is_empty() || total <= 0.0 {
        return no_data(title);
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let mut points = vec![(0.0, 0.0)];
    let mut cumulative = 0.0;
    for (i, v) in sorted.iter().enumerate() {
        cumulative += v;
        points.push(((i + 1) as f64 / n, cumulative / total));
    }
    render(&Lorenz { title, caption, points, axes })
}

struct Lorenz<'a> {
    title: &'a str,
    caption: &'a str,
    points: Vec<(f64, f64)>,
    axes: [&'a str; 2],
}

impl Chart for Lorenz<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        // The curve at the deciles: what share of the total the bottom 10 %, 20 %… hold.
        let n = self.points.len() - 1;
        let at = |q: usize| self.points[(n * q).div_ceil(10)].1 * 100.0;
        let deciles: Vec<String> = (1..10).map(|q| format!("{}%: {:.0}%", q * 10, at(q))).collect();
        format!("{} → {}. {}. {}", self.axes[0], self.axes[1], deciles.join(", "), self.caption)
    }

    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let body = titled(root, self.title)?;
        let (_, body_height) = body.dim_in_pixel();
        let (plot, caption) = body.split_vertically(body_height - CAPTION);
        // A square plot: equal shares on both axes should look equal.
        let (plot_width, plot_height) = plot.dim_in_pixel();
        let side = plot_height.min(plot_width);
        let left = (plot_width - side) / 2;
        let plot = plot.margin(8, 0, left, plot_width - left - side);

        let mut chart = ChartBuilder::on(&plot)
            .margin(12)
            .x_label_area_size(58)
            .y_label_area_size(78)
            .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
        let percent = |v: &f64| format!("{:.0}%", v * 100.0);
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&percent)
            .y_label_formatter(&percent)
            .label_style(text_style(MIN_TEXT_PX, INK))
            .x_desc(self.axes[0])
            .y_desc(self.axes[1])
            .axis_desc_style(text_style(MIN_TEXT_PX, INK))
            .max_light_lines(1)
            .light_line_style(RGBColor(240, 240, 240))
            .bold_line_style(RGBColor(220, 220, 220))
            .axis_style(MUTED)
            .draw()?;
        chart.draw_series(AreaSeries::new(
            self.points.iter().copied(),
            0.0,
            CURVE.mix(0.12).filled(),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 0.0), (1.0, 1.0)],
            7,
            5,
            MUTED.stroke_width(2),
        ))?;
        chart.draw_series(LineSeries::new(self.points.iter().copied(), CURVE.stroke_width(3)))?;
        if self.points.len() <= 61 {
            chart.draw_series(
                self.points.iter().map(|&point| Circle::new(point, 3, CURVE.filled())),
            )?;
        }

        let style = anchored(text_style(MIN_TEXT_PX, INK), HPos::Center, VPos::Top);
        let measure = |t: &str| text_size(t, &style).0 as f32;
        let lines = wrap_to_width(self.caption, (WIDTH - 40) as f32, measure);
        for (k, line) in lines.iter().take(2).enumerate() {
            let at = (WIDTH as i32 / 2, 4 + k as i32 * 22);
            caption.draw(&Text::new(line.as_str(), at, style.clone()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::render::tests::inked_pixels;
    use super::*;

    #[test]
    fn lorenz_curve_renders_with_a_japanese_caption() {
        let values = [420.0, 310.5, 250.0, 198.0, 96.0, 12.0];
        let chart = lorenz_curve(
            "会議時間の集中度（ローレンツ曲線）",
            &values,
            ["x", "y"],
            "上位20%の機関が会議時間の55%を占める",
        )
        .unwrap();
        assert!(chart.svg.contains("上位20%の機関が会議時間の55%を占める"));
        assert!(chart.svg.contains("100%"));
        assert!(inked_pixels(&chart.png) > 10_000);
    }

    #[test]
    fn lorenz_curve_renders_in_english_and_is_deterministic() {
        let values: Vec<f64> = (1..=200).map(|i| f64::from(i).powi(2)).collect();
        let a = lorenz_curve("Concentration", &values, ["x", "y"], "Gini 0.49").unwrap();
        let b = lorenz_curve("Concentration", &values, ["x", "y"], "Gini 0.49").unwrap();
        assert!(a.svg.contains("Gini 0.49"));
        assert_eq!(a, b);
    }

    #[test]
    fn lorenz_curve_ignores_order_of_values() {
        let a = lorenz_curve("t", &[1.0, 5.0, 2.0], ["x", "y"], "c").unwrap();
        let b = lorenz_curve("t", &[5.0, 2.0, 1.0], ["x", "y"], "c").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn lorenz_curve_of_nothing_or_zeros_says_no_data() {
        for values in [&[][..], &[0.0, 0.0], &[f64::NAN, -1.0]] {
            let chart = lorenz_curve("集中度", values, ["x", "y"], "c").unwrap();
            assert!(chart.svg.contains(super::super::NO_DATA));
        }
    }
}
