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
        const INITIAL_RADIUS: f64 = 10.0;
        let angle = PI * (3.0 - 5f64.sqrt());
        let (x, y) = (0..n)
            .map(|i| {
                let radius = INITIAL_RADIUS * (0.5 + i as f64).sqrt();
                let a = i as f64 * angle;
                (radius * a.cos(), radius * a.sin())
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
        use crate::{center::Center, collide::Collide, link::Link, many_body::ManyBody, position::Position};
        let n = 700;
        let links: Vec<(usize, usize)> = (1..n).map(|i| (i, (i * 7) % i)).collect();
        let build = || {
            Simulation::new(Nodes::phyllotaxis(n))
                .with_force(Link::new(links.clone(), n))
                .with_force(ManyBody::default())
                .with_force(Collide::new(vec![5.0; n]))
                .with_force(Position { x: 0.0, y: 0.0, strength: 0.05 })
                .with_force(Center::default())
        };
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
