//! The simulation: node state, the cooling schedule and the integration step. All defaults are
//! here, and they are d3-force's.

use std::f64::consts::PI;

use super::random::Lcg;

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
pub trait Force {
    /// Adds this force's effect to the velocities.
    fn apply(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg);
}

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
            self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
            for force in &mut self.forces {
                force.apply(&mut self.nodes, self.alpha, &mut self.random);
            }
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
