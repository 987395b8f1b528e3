//! factlens's layout against fjadra (a Rust port of d3-force, the candidate crate), on
//! the same synthetic graphs with the same forces: link, many-body, x/y positioning at 0.04 and
//! center, 300 ticks each. Native, release build:
//! `cargo run --release -p factlens-core --example vs_fjadra -- 1000 5000 20000`
use std::collections::BTreeMap;
use std::time::Instant;

use factlens_core::graph::GraphModel;
use factlens_core::Story;

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 5000, 20000] } else { sizes };
    println!("| nodes | factlens-layout (s) | fjadra (s) | fjadra / factlens |");
    println!("|---:|---:|---:|---:|");
    for n in sizes {
        let (dataset, _) = factlens_core::synth::synthesize(n, 1);
        let graph = GraphModel::new(&Story::new(dataset, BTreeMap::new()));
        let start = Instant::now();
        let mut ours = graph.simulation();
        ours.settle(10_000);
        let ours_s = start.elapsed().as_secs_f64();

        let mut pairs: Vec<(usize, usize)> =
            graph.edges.iter().map(|e| (e.source.min(e.target), e.source.max(e.target))).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let start = Instant::now();
        let mut theirs = fjadra::SimulationBuilder::default()
            .build((0..n).map(|_| fjadra::Node::default()))
            .add_force("link", fjadra::Link::new(pairs))
            .add_force("charge", fjadra::ManyBody::new())
            .add_force("x", fjadra::PositionX::new().strength(0.04))
            .add_force("y", fjadra::PositionY::new().strength(0.04))
            .add_force("center", fjadra::Center::new());
        let positions = theirs.iter().last();
        let theirs_s = start.elapsed().as_secs_f64();
        assert!(positions.is_some_and(|p| p.len() == n));
        println!("| {n} | {ours_s:.2} | {theirs_s:.2} | {:.1}× |", theirs_s / ours_s);
    }
}
