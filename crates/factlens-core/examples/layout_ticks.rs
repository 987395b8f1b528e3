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
    println!(
        "n={n}: {per_tick:.1} ms per tick (first 10), {ticks} ticks to settle in {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    per_force(n);
}

/// Time spent in each force over a whole settle, with the large-graph forces of
/// `GraphModel::simulation`.
fn per_force(n: usize) {
    use factlens_core::layout::center::Center;
    use factlens_core::layout::link::Link;
    use factlens_core::layout::many_body::ManyBody;
    use factlens_core::layout::position::Position;
    use factlens_core::layout::random::Lcg;
    use factlens_core::layout::{Force, Nodes, Simulation};
    use std::cell::Cell;
    use std::rc::Rc;

    struct Timed<F> {
        force: F,
        spent: Rc<Cell<f64>>,
    }
    impl<F: Force> Force for Timed<F> {
        fn work(&self, nodes: &Nodes) -> usize {
            self.force.work(nodes)
        }
        fn prepare(&mut self, nodes: &Nodes, alpha: f64) {
            let start = Instant::now();
            self.force.prepare(nodes, alpha);
            self.spent.set(self.spent.get() + start.elapsed().as_secs_f64());
        }
        fn apply_range(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg, range: std::ops::Range<usize>) {
            let start = Instant::now();
            self.force.apply_range(nodes, alpha, random, range);
            self.spent.set(self.spent.get() + start.elapsed().as_secs_f64());
        }
    }
    let (dataset, _) = factlens_core::synth::synthesize(n, 1);
    let story = Story::new(dataset, BTreeMap::new());
    let graph = GraphModel::new(&story);
    let links = graph.layout_input().links;
    let names = ["link", "many-body", "position", "center"];
    let spent: Vec<Rc<Cell<f64>>> = names.iter().map(|_| Rc::default()).collect();
    let timed = |i: usize| spent[i].clone();
    let mut simulation = Simulation::new(Nodes::phyllotaxis(n))
        .with_force(Timed { force: Link::new(links, n), spent: timed(0) })
        .with_force(Timed { force: ManyBody::default(), spent: timed(1) })
        .with_force(Timed { force: Position { x: 0.0, y: 0.0, strength: 0.04 }, spent: timed(2) })
        .with_force(Timed { force: Center::default(), spent: timed(3) });
    let start = Instant::now();
    let ticks = simulation.settle(10_000);
    let total = start.elapsed().as_secs_f64();
    for (name, spent) in names.iter().zip(&spent) {
        println!("  {name}: {:.2} ms per tick", spent.get() * 1000.0 / ticks as f64);
    }
    println!("  all, with integration: {:.2} ms per tick over {ticks} ticks", total * 1000.0 / ticks as f64);
}
