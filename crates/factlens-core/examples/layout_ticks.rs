//! Native timing of one layout tick per force, on a synthetic graph: a quick look at where
//! layout time goes. `cargo run --release -p factlens-core --example layout_ticks -- 5000`
use std::collections::BTreeMap;
use std::time::Instant;

use factlens_core::graph::GraphModel;
use factlens_core::Story;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let (dataset, _) = factlens_core::synth::synthesize(n, 1);
    let story = Story::new(dataset, BTreeMap::new());
    let graph = GraphModel::new(&story);
    let mut simulation = graph.simulation();
    let start = Instant::now();
    simulation.tick(10);
    let per_tick = start.elapsed().as_secs_f64() * 100.0;
    let start = Instant::now();
    let ticks = simulation.settle(10_000) + 10;
    per_force(n);
    println!(
        "n={n}: {per_tick:.1} ms per tick (first 10), {ticks} ticks to settle in {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

#[allow(dead_code)]
fn per_force(n: usize) {
    use factlens_core::layout::collide::Collide;
    use factlens_core::layout::link::Link;
    use factlens_core::layout::many_body::ManyBody;
    use factlens_core::layout::random::Lcg;
    use factlens_core::layout::{Force, Nodes};
    let (dataset, _) = factlens_core::synth::synthesize(n, 1);
    let story = Story::new(dataset, BTreeMap::new());
    let graph = GraphModel::new(&story);
    let links: Vec<(usize, usize)> = graph.edges.iter().map(|e| (e.source, e.target)).collect();
    let mut nodes = Nodes::phyllotaxis(n);
    let mut random = Lcg::new(1);
    let time = |name: &str, force: &mut dyn Force, nodes: &mut Nodes, random: &mut Lcg| {
        let start = Instant::now();
        for _ in 0..5 {
            force.apply(nodes, 0.5, random);
        }
        println!("  {name}: {:.1} ms", start.elapsed().as_secs_f64() * 200.0);
    };
    time("link", &mut Link::new(links, n), &mut nodes, &mut random);
    time("many-body", &mut ManyBody::default(), &mut nodes, &mut random);
    time("collide", &mut Collide::new(vec![7.0; n]), &mut nodes, &mut random);
}
