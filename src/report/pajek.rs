//! Pajek's network (`.net`) and partition (`.clu`) files, which Pajek, R (`igraph::
//! read_graph(format = "pajek")`, `network::read.paj`), statnet and NetworkX read.
//!
//! Vertices are numbered from 1 in the network's node order; a two-mode network is
//! written as Pajek's `*Vertices N M` with its M meetings first, which igraph reads as a
//! bipartite graph (`type` FALSE for meetings, TRUE for agencies). Each vertex has its
//! label in double quotes and, when the report's picture places it, its position in the
//! unit square. The partition file gives each vertex its sector's number (0 for
//! meetings); the node list's `partition` and `sector` columns say which number is which
//! sector.

use crate::report::network_export::Network;
use std::collections::HashMap;
use std::io::Write;

/// A label Pajek's and igraph's readers take: in double quotes, which the label
/// therefore cannot contain (they become `'`), on one line (line breaks and other
/// control characters become spaces).
fn quoted(label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c == '"' {
                '\''
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("\"{clean}\"")
}

/// A coordinate in [0, 1] to four decimal places, without trailing zeros (`0.5`, `1`).
fn four_places(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" { "0".to_string() } else { text.to_string() }
}

/// The `.net` file: `*Vertices`, one line per vertex, `*Edges` with weights.
pub fn write_pajek(network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
    let n = network.nodes.len();
    match network.first_mode {
        Some(m) => write!(out, "*Vertices {n} {m}\r\n")?,
        None => write!(out, "*Vertices {n}\r\n")?,
    }
    let number: HashMap<&str, usize> =
        network.nodes.iter().enumerate().map(|(i, node)| (node.id.as_str(), i + 1)).collect();
    for (i, node) in network.nodes.iter().enumerate() {
        write!(out, "{} {}", i + 1, quoted(&node.label))?;
        if let Some((x, y)) = node.viz.and_then(|viz| viz.position) {
            // Pajek draws (0, 0) at the top left, as the report's picture does.
            write!(out, " {} {} 0.5", four_places(x), four_places(y))?;
        }
        out.write_all(b"\r\n")?;
    }
    out.write_all(b"*Edges\r\n")?;
    for edge in &network.edges {
        // Edges name existing nodes by construction; one that does not is left out
        // rather than pointing at vertex 0.
        if let (Some(a), Some(b)) =
            (number.get(edge.source.as_str()), number.get(edge.target.as_str()))
        {
            write!(out, "{a} {b} {}\r\n", edge.weight)?;
        }
    }
    Ok(())
}

/// The `.clu` file: `*Vertices N`, then each vertex's partition number.
pub fn write_partition(network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "*Vertices {}\r\n", network.nodes.len())?;
    for node in &network.nodes {
        write!(out, "{}\r\n", node.partition)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::network_export::{Attributes, Edge, Node, Viz};

    fn network(first_mode: Option<usize>) -> Network {
        let node = |id: &str, label: &str, partition, position| Node {
            id: id.into(),
            label: label.into(),
            attributes: Attributes::new(),
            viz: Some(Viz { color: (0, 0, 0), position, size: 5.0 }),
            partition,
        };
        Network {
            nodes: vec![
                node("m0001", "個別\"会議\"\n(北部)", 0, Some((0.123456, 0.5))),
                node("a0001", "福祉課", 3, None),
                node("a0002", "社協", 1, Some((1.0, 0.0))),
            ],
            edges: vec![
                Edge {
                    source: "m0001".into(),
                    target: "a0001".into(),
                    weight: 2.0,
                    attributes: Attributes::new(),
                },
                Edge {
                    source: "m0001".into(),
                    target: "a0002".into(),
                    weight: 0.5,
                    attributes: Attributes::new(),
                },
                Edge {
                    source: "m0001".into(),
                    target: "nowhere".into(),
                    weight: 1.0,
                    attributes: Attributes::new(),
                },
            ],
            first_mode,
        }
    }

    fn text(write: fn(&Network, &mut dyn Write) -> std::io::Result<()>, n: &Network) -> String {
        let mut bytes = Vec::new();
        write(n, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn two_mode_network_declares_its_first_mode_and_cleans_labels() {
        let net = text(write_pajek, &network(Some(1)));
        assert_eq!(
            net,
            "*Vertices 3 1\r\n1 \"個別'会議' (北部)\" 0.1235 0.5 0.5\r\n2 \"福祉課\"\r\n\
             3 \"社協\" 1 0 0.5\r\n*Edges\r\n1 2 2\r\n1 3 0.5\r\n"
        );
    }

    #[test]
    fn coordinates_have_four_places_at_most() {
        assert_eq!(four_places(0.66680000001), "0.6668");
        assert_eq!(four_places(1.0), "1");
        assert_eq!(four_places(0.0), "0");
        assert_eq!(four_places(0.5), "0.5");
    }

    #[test]
    fn one_mode_network_has_a_plain_vertex_count_and_the_partition_one_line_each() {
        assert!(text(write_pajek, &network(None)).starts_with("*Vertices 3\r\n1 "));
        assert_eq!(text(write_partition, &network(None)), "*Vertices 3\r\n0\r\n3\r\n1\r\n");
    }
}
