//! Centering: shifts all nodes so their mean position is the centre, without changing their
//! relative positions. d3-force's `forceCenter`.

use crate::random::Lcg;
use crate::simulation::{Force, Nodes};

/// Keeps the layout's centre of mass at a point.
pub struct Center {
    /// The point.
    pub x: f64,
    /// See [`Center::x`].
    pub y: f64,
    /// How much of the offset to remove per tick. Default 1.
    pub strength: f64,
    shift: (f64, f64),
}

impl Default for Center {
    fn default() -> Self {
        Center { x: 0.0, y: 0.0, strength: 1.0, shift: (0.0, 0.0) }
    }
}

impl Center {
    /// Keeps the centre of mass at `(x, y)` with full strength.
    pub fn at(x: f64, y: f64) -> Self {
        Center { x, y, ..Center::default() }
    }
}

impl Force for Center {
    fn moves_nodes(&self) -> bool {
        true
    }

    fn work(&self, nodes: &Nodes) -> usize {
        nodes.len()
    }

    /// The shift is measured once, before any node moves.
    fn prepare(&mut self, nodes: &Nodes, _alpha: f64) {
        let n = nodes.len() as f64;
        self.shift = if n == 0.0 {
            (0.0, 0.0)
        } else {
            (
                (nodes.x.iter().sum::<f64>() / n - self.x) * self.strength,
                (nodes.y.iter().sum::<f64>() / n - self.y) * self.strength,
            )
        };
    }

    fn apply_range(&mut self, nodes: &mut Nodes, _alpha: f64, _random: &mut Lcg, range: std::ops::Range<usize>) {
        for i in range {
            nodes.x[i] -= self.shift.0;
            nodes.y[i] -= self.shift.1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_mean_to_the_centre_keeping_shape() {
        let mut nodes = Nodes::phyllotaxis(5);
        let gap = nodes.x[1] - nodes.x[0];
        Center::at(100.0, -50.0).apply(&mut nodes, 1.0, &mut Lcg::new(1));
        assert!((nodes.x.iter().sum::<f64>() / 5.0 - 100.0).abs() < 1e-9);
        assert!((nodes.y.iter().sum::<f64>() / 5.0 + 50.0).abs() < 1e-9);
        assert!((nodes.x[1] - nodes.x[0] - gap).abs() < 1e-9);
    }
}
