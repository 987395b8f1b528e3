//! The simulation: node state, the cooling schedule and the integration step. All defaults are
//! here, and they are d3-force's.

use std::f64::consts::PI;
use std::ops::Range;

use crate::random::Lcg;

/// Positions and velocities, one entry per node, in structure-of-arrays form for speed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Nodes {
    /// Positions.
    pub x: Vec<f64>,
    /// See [`Nodes::x`].
    pub y: Vec<f64>,
    /// Velocities, reset by the velocity decay each tick.
    pub vx: Vec<f64>,
    /// See [`Nodes::vx`].
    pub vy: Vec<f64>,
    /// Pinned positions: a pinned node stays where it is put.
    pub fixed: Vec<Option<(f64, f64)>>,
}

impl Nodes {
    /// `n` nodes on a phyllotaxis spiral around the origin, at rest: evenly spread and the
    /// same every time, as in d3-force.
    pub fn phyllotaxis(n: usize) -> Self {
        Self::phyllotaxis_with(n, |a| (a.cos(), a.sin()))
    }

    /// [`Nodes::phyllotaxis`] with the cosine and sine of an angle from `cos_sin` (the page
    /// asks the browser's, and so carries no maths library of its own for them).
    pub fn phyllotaxis_with(n: usize, cos_sin: impl Fn(f64) -> (f64, f64)) -> Self {
        const INITIAL_RADIUS: f64 = 10.0;
        let angle = PI * (3.0 - 5f64.sqrt());
        let (x, y) = (0..n)
            .map(|i| {
                let radius = INITIAL_RADIUS * (0.5 + i as f64).sqrt();
                let (cos, sin) = cos_sin(i as f64 * angle);
                (radius * cos, radius * sin)
            })
            .unzip();
        Nodes { x, y, vx: vec![0.0; n], vy: vec![0.0; n], fixed: vec![None; n] }
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }
}

/// Something that nudges node velocities each tick, scaled by the current `alpha`.
///
/// A force's work in a tick is a list of items (nodes or links) that can be done in chunks:
/// [`Force::prepare`] once, then [`Force::apply_range`] over consecutive ranges, in order. Done
/// in any chunking, the result is the same, which is what lets a large layout spread one tick
/// over several frames without changing where nodes end up.
pub trait Force {
    /// How many work items this tick has.
    fn work(&self, nodes: &Nodes) -> usize;

    /// Called once per tick before any range: build trees, take sums.
    fn prepare(&mut self, _nodes: &Nodes, _alpha: f64) {}

    /// Applies the force for work items `range`, adding to velocities (or moving positions).
    fn apply_range(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg, range: Range<usize>);

    /// Whether another thread may work some of this force's items for a tick, on its own copy
    /// of the simulation (see [`Simulation::help`]). True only of a force whose item `k` reads
    /// nothing but positions and adds to the velocity of one node, [`Force::item_node`], and of
    /// nothing else, so the changes worked elsewhere add up to exactly the same numbers; and
    /// whose item count is known before it is prepared.
    fn shareable(&self) -> bool {
        false
    }

    /// For a shareable force: the node whose velocity item `k` changes.
    fn item_node(&self, k: usize) -> usize {
        k
    }

    /// Whether this force moves nodes itself rather than changing their velocities.
    fn moves_nodes(&self) -> bool {
        false
    }

    /// The whole force for one tick.
    fn apply(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg) {
        self.prepare(nodes, alpha);
        let n = self.work(nodes);
        self.apply_range(nodes, alpha, random, 0..n);
    }
}

/// Where a tick spread over several calls has got to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cursor {
    force: usize,
    item: usize,
}

/// Work items done between two looks at the clock.
const CHUNK: usize = 256;

/// A force simulation. `alpha` starts at 1 and decays towards `alpha_target`; the layout has
/// settled when `alpha < alpha_min` (after 300 ticks with the defaults).
pub struct Simulation {
    /// The nodes being laid out.
    pub nodes: Nodes,
    /// The current "temperature", in [0, 1].
    pub alpha: f64,
    /// Below this the simulation is settled. Default 0.001.
    pub alpha_min: f64,
    /// Per-tick decay of alpha towards its target. Default 1 − 0.001^(1/300) ≈ 0.0228.
    pub alpha_decay: f64,
    /// What alpha decays towards. Default 0; raise it to reheat (while dragging).
    pub alpha_target: f64,
    /// Fraction of velocity lost per tick, like friction. Default 0.4.
    pub velocity_decay: f64,
    forces: Vec<Box<dyn Force>>,
    random: Lcg,
    /// A tick in progress, when [`Simulation::advance`] ran out of time in the middle of one.
    cursor: Option<Cursor>,
}

impl Simulation {
    /// A simulation of `nodes` with d3-force's defaults and no forces.
    pub fn new(nodes: Nodes) -> Self {
        Simulation {
            nodes,
            alpha: 1.0,
            alpha_min: 0.001,
            alpha_decay: 1.0 - 0.001f64.powf(1.0 / 300.0),
            alpha_target: 0.0,
            velocity_decay: 0.4,
            forces: Vec::new(),
            random: Lcg::new(1),
            cursor: None,
        }
    }

    /// Adds a force, applied after those added before it.
    pub fn with_force(mut self, force: impl Force + 'static) -> Self {
        self.forces.push(Box::new(force));
        self
    }

    /// Whether the layout has settled.
    pub fn is_settled(&self) -> bool {
        self.alpha < self.alpha_min
    }

    /// Advances `n` ticks (whether or not settled, as d3's `tick(n)`).
    pub fn tick(&mut self, n: usize) {
        for _ in 0..n {
            while !self.step(&mut || false) {}
        }
    }

    /// Works on the layout until it settles or `out_of_time` says stop (it is asked between
    /// chunks of work, so a caller can keep each slice of a large layout short). Returns
    /// whether the layout has settled. A tick left half done is resumed by the next call.
    pub fn advance(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        loop {
            if self.cursor.is_none() && self.is_settled() {
                return true;
            }
            let finished = self.step(out_of_time);
            if out_of_time() {
                return finished && self.is_settled();
            }
        }
    }

    /// Whether no tick is half done, so positions are consistent.
    pub fn between_ticks(&self) -> bool {
        self.cursor.is_none()
    }

    /// Does work on the current tick (starting one if none is in progress) until it completes
    /// or `out_of_time`; returns whether it completed.
    fn step(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        let mut cursor = match self.cursor.take() {
            Some(cursor) => cursor,
            None => {
                self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
                Cursor { force: 0, item: 0 }
            }
        };
        while cursor.force < self.forces.len() {
            let force = &mut self.forces[cursor.force];
            if cursor.item == 0 {
                force.prepare(&self.nodes, self.alpha);
            }
            let work = force.work(&self.nodes);
            let end = (cursor.item + CHUNK).min(work);
            force.apply_range(&mut self.nodes, self.alpha, &mut self.random, cursor.item..end);
            cursor =
                if end >= work { Cursor { force: cursor.force + 1, item: 0 } } else { Cursor { item: end, ..cursor } };
            if cursor.force < self.forces.len() && out_of_time() {
                // Resume here next time; a force with items left is not prepared again.
                self.cursor = Some(cursor);
                return false;
            }
        }
        self.integrate();
        true
    }

    /// The force whose items helpers may share, if any: the first [`Force::shareable`] one.
    fn shareable_force(&self) -> Option<usize> {
        self.forces.iter().position(|force| force.shareable())
    }

    /// Starts a tick shared with helper threads, each holding a copy of this simulation, and
    /// returns how many items the shareable force has.
    ///
    /// The caller sends each helper the positions as they are now, the tick's `alpha` and a
    /// range of items; the helper calls [`Simulation::help`]. Meanwhile the caller works the
    /// other items with [`Simulation::work_items`] (the forces before the shareable one run
    /// first), adds each helper's result the same way, in item order, and finishes with
    /// [`Simulation::end_shared_tick`]. The result is exactly that of [`Simulation::tick`].
    ///
    /// Returns `None`, and starts nothing, when no force is shareable, a force before it moves
    /// nodes (the helpers' positions would be stale), or a tick is already in progress.
    pub fn begin_shared_tick(&mut self) -> Option<usize> {
        let shared = self.shareable_force().filter(|_| self.cursor.is_none())?;
        if self.forces[..shared].iter().any(|force| force.moves_nodes()) {
            return None;
        }
        self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
        self.cursor = Some(Cursor { force: 0, item: 0 });
        Some(self.forces[shared].work(&self.nodes))
    }

    /// Items `range` of a shared tick's shareable force: with `help`, a helper's velocity
    /// changes for them, in item order, are added; without, they are worked here (a helper
    /// that could not help is covered this way). Ranges must come in item order, as in a
    /// whole tick; one that does not continue where the last ended is refused (`false`).
    pub fn work_items(&mut self, range: Range<usize>, help: Option<(&[f64], &[f64])>) -> bool {
        let Some(shared) = self.shareable_force() else { return false };
        let Some(mut cursor) = self.cursor.filter(|c| c.force <= shared) else { return false };
        if cursor.force < shared {
            // The tick's first items: the forces before the shared one, then its preparation.
            for force in &mut self.forces[cursor.force..shared] {
                force.apply(&mut self.nodes, self.alpha, &mut self.random);
            }
            self.forces[shared].prepare(&self.nodes, self.alpha);
            cursor = Cursor { force: shared, item: 0 };
            self.cursor = Some(cursor);
        }
        if cursor.item != range.start {
            return false;
        }
        let force = &mut self.forces[shared];
        let range = range.start..range.end.min(force.work(&self.nodes));
        match help {
            Some((dvx, dvy)) if dvx.len() == range.len() && dvy.len() == range.len() => {
                for (k, (dvx, dvy)) in range.clone().zip(dvx.iter().zip(dvy)) {
                    let i = force.item_node(k);
                    self.nodes.vx[i] += dvx;
                    self.nodes.vy[i] += dvy;
                }
            }
            _ => force.apply_range(&mut self.nodes, self.alpha, &mut self.random, range.clone()),
        }
        self.cursor = Some(Cursor { item: range.end.max(cursor.item), ..cursor });
        true
    }

    /// Finishes a shared tick: any items no one worked, the forces after the shared one and
    /// the move.
    pub fn end_shared_tick(&mut self) {
        if self.cursor.is_some() {
            self.step(&mut || false);
        }
    }

    /// A helper's share of a tick begun by [`Simulation::begin_shared_tick`] on another copy of
    /// this simulation: from the positions `x`, `y` and that tick's `alpha`, the velocity
    /// changes of the shareable force's items `range`, in item order. `None` when there is no
    /// shareable force, the positions do not fit, or the items needed the random generator
    /// (coincident nodes): its numbers depend on all earlier items, so the tick's owner must
    /// work those items itself.
    pub fn help(&mut self, x: &[f64], y: &[f64], alpha: f64, range: Range<usize>) -> Option<(Vec<f64>, Vec<f64>)> {
        let shared = self.shareable_force()?;
        let n = self.nodes.len();
        if x.len() != n || y.len() != n {
            return None;
        }
        self.cursor = None;
        self.nodes.x.copy_from_slice(x);
        self.nodes.y.copy_from_slice(y);
        self.nodes.vx.fill(0.0);
        self.nodes.vy.fill(0.0);
        let force = &mut self.forces[shared];
        force.prepare(&self.nodes, alpha);
        let range = range.start.min(force.work(&self.nodes))..range.end.min(force.work(&self.nodes));
        let mut random = self.random.clone();
        force.apply_range(&mut self.nodes, alpha, &mut random, range.clone());
        if random != self.random {
            return None;
        }
        Some(range.map(|k| force.item_node(k)).map(|i| (self.nodes.vx[i], self.nodes.vy[i])).unzip())
    }

    fn integrate(&mut self) {
        let nodes = &mut self.nodes;
        let keep = 1.0 - self.velocity_decay;
        for i in 0..nodes.len() {
            match nodes.fixed[i] {
                Some((fx, fy)) => {
                    nodes.x[i] = fx;
                    nodes.y[i] = fy;
                    nodes.vx[i] = 0.0;
                    nodes.vy[i] = 0.0;
                }
                None => {
                    nodes.vx[i] *= keep;
                    nodes.vy[i] *= keep;
                    nodes.x[i] += nodes.vx[i];
                    nodes.y[i] += nodes.vy[i];
                }
            }
        }
    }

    /// Ticks until settled, at most `max_ticks`; returns how many ticks ran.
    pub fn settle(&mut self, max_ticks: usize) -> usize {
        let mut ticks = 0;
        while !self.is_settled() && ticks < max_ticks {
            self.tick(1);
            ticks += 1;
        }
        ticks
    }

    /// Reheats the simulation (after a node is dragged or pinned) so it moves again.
    pub fn reheat(&mut self, alpha: f64) {
        self.alpha = self.alpha.max(alpha);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phyllotaxis_matches_d3_force_start_positions() {
        // d3-force: radius 10·√(0.5 + i), angle i·π(3 − √5).
        let nodes = Nodes::phyllotaxis(3);
        let expected = [
            (7.0710678118654755, 0.0),
            (-9.03088751750192, 8.273032735715967),
            (1.3823220809823638, -15.750847141167634),
        ];
        for (i, (x, y)) in expected.into_iter().enumerate() {
            assert!((nodes.x[i] - x).abs() < 1e-9 && (nodes.y[i] - y).abs() < 1e-9, "node {i}");
        }
    }

    #[test]
    fn alpha_cools_to_settled_in_300_ticks_with_the_defaults() {
        let mut simulation = Simulation::new(Nodes::phyllotaxis(2));
        let ticks = simulation.settle(10_000);
        assert_eq!(ticks, 300);
        assert!(simulation.is_settled());
    }

    #[test]
    fn a_tick_spread_over_many_slices_lands_exactly_where_a_whole_tick_does() {
        let n = 700;
        let build = || every_force(n, false);
        let mut whole = build();
        whole.tick(40);
        let mut sliced = build();
        let mut calls = 0;
        // Out of time after every chunk, the most sliced a tick can be, until 40 ticks are done
        // (alpha after k ticks is the same number however the ticks were cut).
        while !(sliced.between_ticks() && sliced.alpha == whole.alpha) && calls < 1_000_000 {
            sliced.advance(&mut || true);
            calls += 1;
        }
        assert_eq!(sliced.alpha, whole.alpha, "both ran 40 ticks");
        assert!(calls > 40, "ticks were split");
        assert_eq!(sliced.nodes, whole.nodes);
    }

    /// A simulation of `n` nodes with every force, some of them coincident when `overlap`.
    fn every_force(n: usize, overlap: bool) -> Simulation {
        use crate::{center::Center, collide::Collide, link::Link, many_body::ManyBody, position::Position};
        let links: Vec<(usize, usize)> = (1..n).map(|i| (i, (i * 7) % i)).collect();
        let mut nodes = Nodes::phyllotaxis(n);
        if overlap {
            for i in (0..n).step_by(50) {
                (nodes.x[i], nodes.y[i]) = (nodes.x[0], nodes.y[0]);
            }
        }
        Simulation::new(nodes)
            .with_force(Link::new(links, n))
            .with_force(ManyBody::default())
            .with_force(Collide::new(vec![5.0; n]))
            .with_force(Position { x: 0.0, y: 0.0, strength: 0.05 })
            .with_force(Center::default())
    }

    #[test]
    fn a_tick_shared_with_helpers_lands_exactly_where_a_whole_tick_does() {
        for overlap in [false, true] {
            let n = 700;
            let mut whole = every_force(n, overlap);
            let mut owner = every_force(n, overlap);
            let mut helpers = [every_force(n, overlap), every_force(n, overlap)];
            let mut declined = 0;
            for _ in 0..40 {
                whole.tick(1);
                let items = owner.begin_shared_tick().expect("many-body is shareable");
                assert_eq!(items, n);
                // The owner takes the first items, helpers the rest, in order.
                let cuts = [0, items / 4, items / 2, items];
                let (x, y, alpha) = (owner.nodes.x.clone(), owner.nodes.y.clone(), owner.alpha);
                let help: Vec<_> = helpers
                    .iter_mut()
                    .enumerate()
                    .map(|(h, helper)| helper.help(&x, &y, alpha, cuts[h + 1]..cuts[h + 2]))
                    .collect();
                assert!(owner.work_items(cuts[0]..cuts[1], None));
                for (h, help) in help.iter().enumerate() {
                    declined += usize::from(help.is_none());
                    let help = help.as_ref().map(|(dvx, dvy)| (&dvx[..], &dvy[..]));
                    assert!(owner.work_items(cuts[h + 1]..cuts[h + 2], help));
                }
                owner.end_shared_tick();
                assert!(owner.between_ticks());
                assert_eq!(owner.alpha, whole.alpha);
                assert_eq!(owner.nodes, whole.nodes, "overlap: {overlap}");
            }
            // Coincident nodes need the random generator, which only the owner may use: the
            // helpers whose items had them declined, and the owner worked those items itself.
            assert_eq!(declined > 0, overlap, "declined {declined}");
        }
    }

    #[test]
    fn shared_items_out_of_order_are_refused_and_left_items_are_worked_at_the_end() {
        let mut whole = every_force(300, false);
        let mut owner = every_force(300, false);
        whole.tick(1);
        let items = owner.begin_shared_tick().unwrap();
        assert!(!owner.work_items(10..20, None), "items 0..10 come first");
        assert!(!owner.between_ticks(), "the tick is under way");
        assert!(owner.work_items(0..10, None));
        owner.end_shared_tick();
        assert_eq!(owner.nodes, whole.nodes);
        assert!(items > 10);
        // No shareable force, or one after a force that moves nodes: no shared tick.
        let mut plain = Simulation::new(Nodes::phyllotaxis(3));
        assert_eq!(plain.begin_shared_tick(), None);
        let mut centred_first = Simulation::new(Nodes::phyllotaxis(3))
            .with_force(crate::center::Center::default())
            .with_force(crate::many_body::ManyBody::default());
        assert_eq!(centred_first.begin_shared_tick(), None);
        assert!(centred_first.between_ticks());
        assert_eq!(plain.help(&[0.0; 3], &[0.0; 3], 1.0, 0..3), None);
    }

    #[test]
    fn pinned_nodes_stay_put_and_others_coast_to_a_stop() {
        let mut nodes = Nodes::phyllotaxis(2);
        nodes.fixed[0] = Some((5.0, 6.0));
        nodes.vx[1] = 10.0;
        let mut simulation = Simulation::new(nodes);
        simulation.tick(50);
        assert_eq!((simulation.nodes.x[0], simulation.nodes.y[0]), (5.0, 6.0));
        // With no forces, velocity decays geometrically: x moves 10·(0.6 + 0.36 + …) ≈ 15.
        let moved = simulation.nodes.x[1] - Nodes::phyllotaxis(2).x[1];
        assert!((moved - 15.0).abs() < 1e-6, "{moved}");
    }
}
