//! The Equal Earth projection (Šavrič, Patterson and Jenny, 2018): equal-area, pseudocylindrical,
//! made for world maps. Raw form on the unit sphere, in radians; y grows northwards.

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2.
const M: f64 = 0.866_025_403_784_438_6;
const ITERATIONS: usize = 12;
const EPSILON: f64 = 1e-12;

/// Projects longitude `lambda` in [-π, π] and latitude `phi` in [-π/2, π/2] (radians) to the
/// plane; x is in about [-2.707, 2.707] and y in about [-1.317, 1.317].
pub fn forward(lambda: f64, phi: f64) -> (f64, f64) {
    let l = (M * phi.sin()).asin();
    let l2 = l * l;
    let l6 = l2 * l2 * l2;
    let x = lambda * l.cos() / (M * (A1 + 3.0 * A2 * l2 + l6 * (7.0 * A3 + 9.0 * A4 * l2)));
    let y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
    (x, y)
}

/// The inverse of [`forward`], by Newton's method on the parametric latitude.
pub fn invert(x: f64, y: f64) -> (f64, f64) {
    let mut l = y;
    let mut l2 = l * l;
    let mut l6 = l2 * l2 * l2;
    for _ in 0..ITERATIONS {
        let fy = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)) - y;
        let fpy = A1 + 3.0 * A2 * l2 + l6 * (7.0 * A3 + 9.0 * A4 * l2);
        let delta = fy / fpy;
        l -= delta;
        l2 = l * l;
        l6 = l2 * l2 * l2;
        if delta.abs() < EPSILON {
            break;
        }
    }
    let lambda = M * x * (A1 + 3.0 * A2 * l2 + l6 * (7.0 * A3 + 9.0 * A4 * l2)) / l.cos();
    let phi = (l.sin() / M).clamp(-1.0, 1.0).asin();
    (lambda, phi)
}

#[cfg(test)]
mod tests {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_3, PI};

    use super::*;

    fn close(a: (f64, f64), b: (f64, f64), tolerance: f64) -> bool {
        (a.0 - b.0).abs() < tolerance && (a.1 - b.1).abs() < tolerance
    }

    /// Reference values: the closed forms of the paper's equations (Šavrič et al. 2018, eq. 2)
    /// at the equator's ends, x = 2√3·π / (3·A1), and at the poles, where the parametric
    /// latitude is exactly π/3.
    #[test]
    fn matches_the_published_extremes() {
        let x_max = 2.0 * 3f64.sqrt() * PI / (3.0 * A1);
        let t = FRAC_PI_3;
        let y_max = t * (A1 + A2 * t * t + t.powi(6) * (A3 + A4 * t * t));
        assert!((x_max - 2.70663).abs() < 1e-5, "{x_max}");
        assert!((y_max - 1.31736).abs() < 1e-5, "{y_max}");
        let table = [
            ((0.0, 0.0), (0.0, 0.0)),
            ((PI, 0.0), (x_max, 0.0)),
            ((-PI, 0.0), (-x_max, 0.0)),
            ((0.0, FRAC_PI_2), (0.0, y_max)),
            ((0.0, -FRAC_PI_2), (0.0, -y_max)),
        ];
        for ((lambda, phi), expected) in table {
            let got = forward(lambda, phi);
            assert!(close(got, expected, 1e-9), "forward({lambda}, {phi}) = {got:?}, want {expected:?}");
        }
    }

    #[test]
    fn is_equal_area() {
        // Equal-area: the Jacobian determinant of the projection is constant (= its value at 0,0).
        let h = 1e-6;
        let det = |lambda: f64, phi: f64| {
            let (x0, y0) = forward(lambda, phi);
            let (x1, y1) = forward(lambda + h, phi);
            let (x2, y2) = forward(lambda, phi + h);
            ((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)) / (h * h) / phi.cos()
        };
        let reference = det(0.0, 0.0);
        for (lambda, phi) in [(1.0, 0.5), (-2.5, -1.2), (3.0, 1.4), (0.3, -0.1)] {
            let d = det(lambda, phi);
            assert!(
                (d - reference).abs() / reference < 1e-4,
                "area scale at ({lambda}, {phi}) is {d}, not {reference}"
            );
        }
    }

    #[test]
    fn invert_undoes_forward_over_the_globe() {
        for i in -18i32..=18 {
            for j in -9i32..=9 {
                let (lambda, phi) = (f64::from(i) * 10f64.to_radians(), f64::from(j) * 10f64.to_radians());
                let (x, y) = forward(lambda, phi);
                let back = invert(x, y);
                let tolerance = 1e-9;
                assert!((back.1 - phi).abs() < tolerance, "latitude at ({i}0°, {j}0°): {back:?}");
                if j.abs() < 9 {
                    assert!((back.0 - lambda).abs() < tolerance, "longitude at ({i}0°, {j}0°): {back:?}");
                }
            }
        }
    }
}
