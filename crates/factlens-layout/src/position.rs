//! Positioning: a weak spring pulling every node towards a point, so disconnected pieces and
//! lone nodes stay in view. d3-force's `forceX` and `forceY` together.

use crate::random::Lcg;
use crate::simulation::{Force, Nodes};

/// Pulls every node towards `(x, y)`.
pub struct Position {
    /// The point.
    pub x: f64,
    /// See [`Position::x`].
    pub y: f64,
    /// Fraction of the distance closed per tick at alpha 1. d3's default is 0.1; graphs want
    /// less, so links and charge shape the picture.
    pub strength: f64,
}

impl Force for Position {
    fn work(&self, nodes: &Nodes) -> usize {
        nodes.len()
    }

    fn apply_range(&mut self, nodes: &mut Nodes, alpha: f64, _random: &mut Lcg, range: std::ops::Range<usize>) {
        let k = self.strength * alpha;
        for i in range {
            nodes.vx[i] += (self.x - nodes.x[i]) * k;
            nodes.vy[i] += (self.y - nodes.y[i]) * k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pulls_towards_the_point_in_proportion() {
        let mut nodes = Nodes { x: vec![10.0], y: vec![-20.0], vx: vec![0.0], vy: vec![0.0], fixed: vec![None] };
        Position { x: 0.0, y: 0.0, strength: 0.1 }.apply(&mut nodes, 0.5, &mut Lcg::new(1));
        assert!((nodes.vx[0] + 0.5).abs() < 1e-12 && (nodes.vy[0] - 1.0).abs() < 1e-12);
    }
}
