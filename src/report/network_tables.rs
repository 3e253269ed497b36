//! Networks as tables: node and edge lists with Gephi's spreadsheet headers (`Id`,
//! `Label`; `Source`, `Target`, `Type`, `Id`, `Weight`), which Cytoscape's table import,
//! UCINET's spreadsheet import and R (`read.csv` + `igraph::graph_from_data_frame`) read as
//! they are, and the meeting × agency incidence matrix that R's `backbone` and `bipartite`
//! packages and UCINET's two-mode routines take.
//!
//! UTF-8 without a byte-order mark (a BOM would become part of the first header, `Id`,
//! in Gephi and R), CRLF line ends as RFC 4180 says. Every text cell goes through
//! [`csv_text`] and [`excel_safe`], as in the report's tables (control characters out,
//! formulas neutralised), since these files are also opened in Excel.

use crate::report::network_export::{Network, Value};
use crate::report::safety::{csv_text, excel_safe};
use std::collections::HashMap;
use std::io::Write;

fn csv_writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

/// A text cell made safe: control characters stripped, formulas neutralised.
fn safe(text: &str) -> String {
    excel_safe(&csv_text(text)).into_owned()
}

fn cell(value: Option<&Value>) -> String {
    match value {
        Some(Value::Text(text)) => safe(text),
        Some(other) => other.text(),
        None => String::new(),
    }
}

fn io(error: csv::Error) -> std::io::Error {
    std::io::Error::other(error)
}

/// The node list: `Id`, `Label`, every node attribute (empty where a node has none, e.g.
/// a meeting's sector), the Pajek `partition`, and `x`, `y` (Gephi's plane), `size` and
/// `color` (`#rrggbb`) of the report's picture.
pub fn write_nodes_csv(network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
    let keys = network.node_keys();
    let mut w = csv_writer(out);
    let mut header: Vec<&str> = vec!["Id", "Label"];
    header.extend(keys.iter().map(|(name, _)| name.as_str()));
    header.extend(["partition", "x", "y", "size", "color"]);
    w.write_record(&header).map_err(io)?;
    for node in &network.nodes {
        let mut row = vec![safe(&node.id), safe(&node.label)];
        row.extend(keys.iter().map(|(name, _)| cell(node.attributes.get(name))));
        row.push(node.partition.to_string());
        match node.viz {
            Some(viz) => {
                let (x, y) = match viz.gephi_position() {
                    Some((x, y)) => (x.to_string(), y.to_string()),
                    None => (String::new(), String::new()),
                };
                row.extend([x, y, viz.size.to_string(), viz.hex()]);
            }
            None => row.extend([String::new(), String::new(), String::new(), String::new()]),
        }
        w.write_record(&row).map_err(io)?;
    }
    w.flush()
}

/// The edge list: `Source`, `Target`, `Type` (`Undirected`), `Id` (as in the GraphML
/// file, `e0`…), `Weight`, then every edge attribute.
pub fn write_edges_csv(network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
    let keys: Vec<(String, Value)> =
        network.edge_keys().into_iter().filter(|(name, _)| name != "weight").collect();
    let mut w = csv_writer(out);
    let mut header: Vec<&str> = vec!["Source", "Target", "Type", "Id", "Weight"];
    header.extend(keys.iter().map(|(name, _)| name.as_str()));
    w.write_record(&header).map_err(io)?;
    for (i, edge) in network.edges.iter().enumerate() {
        let mut row = vec![
            safe(&edge.source),
            safe(&edge.target),
            "Undirected".to_string(),
            format!("e{i}"),
            Value::Number(edge.weight).text(),
        ];
        row.extend(keys.iter().map(|(name, _)| cell(edge.attributes.get(name))));
        w.write_record(&row).map_err(io)?;
    }
    w.flush()
}

/// The incidence matrix of a two-mode network: one row per first-mode node (meeting), one
/// column per second-mode node (agency), headed by their ids; each cell the edge weight
/// (the head-count), 0 where there is no edge. Written row by row, so only one row is
/// held at a time.
///
/// # Errors
///
/// [`std::io::ErrorKind::InvalidInput`] for a network that is not two-mode.
pub fn write_incidence_csv(network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(rows) = network.first_mode.filter(|&m| m <= network.nodes.len()) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "an incidence matrix needs a two-mode network",
        ));
    };
    let (first, second) = network.nodes.split_at(rows);
    let row_of: HashMap<&str, usize> =
        first.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let column_of: HashMap<&str, usize> =
        second.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut cells: Vec<Vec<(usize, f64)>> = vec![Vec::new(); rows];
    for edge in &network.edges {
        let (a, b) = (edge.source.as_str(), edge.target.as_str());
        let found = match (row_of.get(a), column_of.get(b)) {
            (Some(&r), Some(&c)) => Some((r, c)),
            _ => row_of.get(b).zip(column_of.get(a)).map(|(&r, &c)| (r, c)),
        };
        if let Some((r, c)) = found {
            cells[r].push((c, edge.weight));
        }
    }
    // Written by hand rather than through the CSV writer: a 30,000 × 5,000 matrix is
    // 150 million cells, and one String per cell took seconds.
    let mut line = String::from("Id");
    for node in second {
        line.push(',');
        line.push_str(&csv_field(&node.id));
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())?;
    let mut row = vec![0.0; second.len()];
    for (node, entries) in first.iter().zip(&cells) {
        row.fill(0.0);
        for &(c, weight) in entries {
            row[c] += weight;
        }
        line.clear();
        line.push_str(&csv_field(&node.id));
        for &value in &row {
            line.push(',');
            if value == 0.0 {
                line.push('0');
            } else {
                line.push_str(&Value::Number(value).text());
            }
        }
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One CSV field: made safe for Excel, then quoted when it holds a comma, quote or line
/// break (RFC 4180).
fn csv_field(text: &str) -> String {
    let cell = safe(text);
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::network_export::{Attributes, Edge, Node, Viz};

    fn node(id: &str, label: &str, attributes: &[(&'static str, Value)]) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            attributes: attributes.iter().map(|(k, v)| (*k, v.clone())).collect(),
            viz: Some(Viz { color: (0, 114, 178), position: Some((0.0, 1.0)), size: 9.0 }),
            partition: 2,
        }
    }

    fn two_mode() -> Network {
        let edge = |s: &str, t: &str, w: f64| Edge {
            source: s.into(),
            target: t.into(),
            weight: w,
            attributes: Attributes::from([("head_count", Value::Int(w as i64))]),
        };
        Network {
            nodes: vec![
                node("m0001", "会議, \"A\"", &[("kind", Value::Text("meeting".into()))]),
                node("m0002", "=cmd", &[("kind", Value::Text("meeting".into()))]),
                node("a0001", "福祉課", &[("sector", Value::Text("administration".into()))]),
                node("a0002", "社協", &[("sector", Value::Text("community".into()))]),
            ],
            edges: vec![
                edge("m0001", "a0001", 2.0),
                edge("m0001", "a0002", 1.0),
                edge("a0002", "m0002", 1.0),
            ],
            first_mode: Some(2),
        }
    }

    fn written(write: fn(&Network, &mut dyn Write) -> std::io::Result<()>) -> String {
        let mut bytes = Vec::new();
        write(&two_mode(), &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn node_list_has_gephi_headers_quotes_commas_and_neutralises_formulas() {
        let text = written(write_nodes_csv);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Id,Label,kind,sector,partition,x,y,size,color");
        assert_eq!(lines[1], "m0001,\"会議, \"\"A\"\"\",meeting,,2,-500,-500,9,#0072b2");
        assert!(lines[2].starts_with("m0002,'=cmd,"), "{}", lines[2]);
        assert!(!text.starts_with('\u{feff}'));
    }

    #[test]
    fn edge_list_has_gephi_headers_and_an_undirected_type() {
        let text = written(write_edges_csv);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Source,Target,Type,Id,Weight,head_count");
        assert_eq!(lines[1], "m0001,a0001,Undirected,e0,2,2");
        assert_eq!(lines.len(), 5, "{text:?}"); // header, three edges, final empty
    }

    #[test]
    fn incidence_has_a_row_per_meeting_and_a_column_per_agency_either_edge_direction() {
        let text = written(write_incidence_csv);
        assert_eq!(text, "Id,a0001,a0002\r\nm0001,2,1\r\nm0002,0,1\r\n");
    }

    #[test]
    fn hand_written_fields_are_quoted_like_the_csv_writer_does() {
        assert_eq!(csv_field("m0001"), "m0001");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("=1"), "'=1");
    }

    #[test]
    fn control_characters_are_stripped_from_cells() {
        assert_eq!(safe("社協\u{1b}[2J"), "社協[2J");
        assert_eq!(csv_field("A\u{7}B"), "AB");
    }

    #[test]
    fn incidence_of_a_one_mode_network_is_refused() {
        let mut network = two_mode();
        network.first_mode = None;
        let error = write_incidence_csv(&network, &mut Vec::new()).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    }
}
