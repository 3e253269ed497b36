//! The one-page summary for the people who decide: the headline figures, the structure
//! after the change, the few decisions that matter most, and who must approve what.
//! Built once as data and words, then laid out by the HTML, Markdown and Word renderers.

use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::proposal::{Approver, Body, How};
use crate::report::document::Chart;
use crate::report::phrases::summary as words;
use std::collections::BTreeMap;

/// How many decisions the summary lists: a page holds about this many.
const DECISIONS: usize = 5;

/// The summary's words, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    /// Person-hours before → after, with the full-attendance figures beside them.
    pub lead: String,
    /// The decisions that save the most hours, largest first.
    pub decisions: Vec<String>,
    /// One line per approver: who, and the bodies whose change they approve.
    pub approvals: Vec<String>,
}

/// The chart that shows the structure after the change: the 会議体系図 of the proposal.
pub(crate) fn structure_chart(charts: &[Chart]) -> Option<&Chart> {
    charts.iter().find(|chart| chart.key == "structure_after")
}

/// A body that changes something: it takes in a meeting that is not simply kept.
fn changes(body: &Body) -> bool {
    body.absorbs.iter().any(|a| a.how != How::Kept)
}

/// The summary of one analysis.
pub(crate) fn summary(analysis: &Analysis, lang: Lang) -> Summary {
    let p = &analysis.proposal;
    let lead = words::lead(
        p.before.annual_person_hours,
        p.after.annual_person_hours,
        p.before.annual_person_hours_full_attendance,
        p.after.annual_person_hours_full_attendance,
        lang,
    );
    let mut changed: Vec<&Body> = p.bodies.iter().filter(|b| changes(b)).collect();
    // Largest saving first; ties in body order, so the list never moves between runs.
    changed.sort_by(|a, b| {
        let saved = |x: &Body| x.hours_before - x.annual_person_hours;
        saved(b).total_cmp(&saved(a)).then(a.id.cmp(&b.id))
    });
    let decisions =
        changed.iter().take(DECISIONS).map(|body| words::decision(body, lang)).collect();
    let mut by_approver: BTreeMap<Approver, Vec<&Body>> = BTreeMap::new();
    for body in &p.bodies {
        for approver in &body.approvers {
            by_approver.entry(*approver).or_default().push(body);
        }
    }
    let approvals = by_approver
        .iter()
        .map(|(approver, bodies)| words::approval(*approver, bodies, lang))
        .collect();
    Summary { lead, decisions, approvals }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(key: &str) -> Chart {
        Chart { key: key.into(), title: key.into(), svg: String::new(), png: Vec::new() }
    }

    #[test]
    fn the_structure_chart_is_the_after_diagram_not_today_s() {
        let both = [chart("structure_before"), chart("structure_after")];
        assert_eq!(structure_chart(&both).map(|c| c.key.as_str()), Some("structure_after"));
        assert!(structure_chart(&[chart("lorenz_hours")]).is_none());
    }
}
