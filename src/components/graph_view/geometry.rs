//! The graph's geometry on screen: fitting a layout to the view, shapes of nodes, and which
//! neighbour an arrow key points at. Pure functions, used while rendering and in handlers.

use factlens_core::graph::{GraphModel, Positions};
use factlens_core::map::{HEIGHT, WIDTH};
use factlens_core::svg_path::Fixed;
use factlens_core::EntityKind;

/// Space kept around the graph inside the drawing area, in view units.
const PADDING: f64 = 40.0;
/// Scale and offset from layout units to view units, fitted to the layout's bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Fit {
    pub fn to(positions: &Positions) -> Fit {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (&x, &y) in positions.x.iter().zip(positions.y.iter()) {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if x0 > x1 {
            return Fit { k: 1.0, x: WIDTH / 2.0, y: HEIGHT / 2.0 };
        }
        let k =
            ((WIDTH - 2.0 * PADDING) / (x1 - x0).max(1.0)).min((HEIGHT - 2.0 * PADDING) / (y1 - y0).max(1.0)).min(2.0);
        Fit { k, x: WIDTH / 2.0 - k * (x0 + x1) / 2.0, y: HEIGHT / 2.0 - k * (y0 + y1) / 2.0 }
    }

    pub fn transform(&self) -> String {
        format!("translate({} {}) scale({})", Fixed(self.x, 2), Fixed(self.y, 2), Fixed(self.k, 4))
    }
}

/// Which way an arrow key points, as a unit vector in screen space.
pub fn arrow_direction(key: &str) -> Option<(f64, f64)> {
    match key {
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowDown" => Some((0.0, 1.0)),
        "ArrowUp" => Some((0.0, -1.0)),
        _ => None,
    }
}

/// The neighbour of `from` that lies most nearly in `direction`; every neighbour is reachable
/// from some arrow, since the best-aligned one wins even when none is exactly that way.
pub fn neighbour_towards(
    graph: &GraphModel,
    positions: &Positions,
    from: usize,
    direction: (f64, f64),
    visible: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    graph
        .neighbours(from)
        .into_iter()
        .filter(|&j| visible(j))
        .map(|j| {
            let (dx, dy) = (positions.x[j] - positions.x[from], positions.y[j] - positions.y[from]);
            let length = (dx * dx + dy * dy).sqrt().max(1e-9);
            (j, (dx * direction.0 + dy * direction.1) / length)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(j, _)| j)
}

/// The outline of a node of `kind` with radius `r`, centred on the origin.
pub fn shape_path(kind: EntityKind, r: f64) -> String {
    match kind {
        EntityKind::Country | EntityKind::Group => {
            let (r, minus) = (Fixed(r, 1), Fixed(-r, 1));
            format!("M{minus},0A{r},{r} 0 1,1 {r},0A{r},{r} 0 1,1 {minus},0Z")
        }
        EntityKind::Person => {
            format!("M0,{}L{},0L0,{}L{},0Z", Fixed(-r * 1.2, 1), Fixed(r, 1), Fixed(r, 1), Fixed(-r, 1))
        }
        EntityKind::Organization => {
            let s = r * 0.9;
            let (s, minus) = (Fixed(s, 1), Fixed(-s, 1));
            format!("M{minus},{minus}H{s}V{s}H{minus}Z")
        }
        EntityKind::Place => {
            let (x, y) = (Fixed(r * 1.1, 1), Fixed(r * 0.8, 1));
            format!("M0,{}L{x},{y}L{},{y}Z", Fixed(-r * 1.2, 1), Fixed(-r * 1.1, 1))
        }
        EntityKind::Event => {
            // The corners at 0°, 60°, … 300°, written out: the page then carries no sine or
            // cosine (a few KiB of the maths library).
            const HALF_ROOT3: f64 = 0.866_025_403_784_438_6;
            const CORNERS: [(f64, f64); 6] = [
                (1.0, 0.0),
                (0.5, HALF_ROOT3),
                (-0.5, HALF_ROOT3),
                (-1.0, 0.0),
                (-0.5, -HALF_ROOT3),
                (0.5, -HALF_ROOT3),
            ];
            let points: Vec<String> =
                CORNERS.iter().map(|&(c, s)| format!("{},{}", Fixed(r * c, 1), Fixed(r * s, 1))).collect();
            format!("M{}Z", points.join("L"))
        }
    }
}
