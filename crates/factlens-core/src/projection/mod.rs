//! Map projections: raw projections on the unit sphere (one per file), and the shared
//! [`Projection`] wrapper that takes degrees, scales, translates and fits to an extent.
//!
//! Screen conventions as in d3-geo: x grows eastwards, y grows *downwards*.

pub mod equal_earth;

/// A raw projection: `forward(lambda, phi)` in radians to the unit plane (y north), and its
/// inverse.
#[derive(Debug, Clone, Copy)]
pub struct Raw {
    /// Radians to the plane.
    pub forward: fn(f64, f64) -> (f64, f64),
    /// The plane to radians.
    pub invert: fn(f64, f64) -> (f64, f64),
}

/// Equal Earth, the map's projection.
pub const EQUAL_EARTH: Raw = Raw { forward: equal_earth::forward, invert: equal_earth::invert };

/// A raw projection with a scale and a translation, working in degrees and screen units.
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    raw: Raw,
    /// Screen units per unit of the raw plane.
    pub scale: f64,
    /// Where (0°, 0°) lands on screen.
    pub translate: (f64, f64),
}

impl Projection {
    /// The raw projection at scale 1, with (0°, 0°) at the origin.
    pub fn new(raw: Raw) -> Self {
        Projection { raw, scale: 1.0, translate: (0.0, 0.0) }
    }

    /// Longitude and latitude in degrees to screen coordinates.
    pub fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let (x, y) = (self.raw.forward)(lon.to_radians(), lat.to_radians());
        (self.translate.0 + self.scale * x, self.translate.1 - self.scale * y)
    }

    /// Screen coordinates back to longitude and latitude in degrees.
    pub fn invert(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let (lambda, phi) = (self.raw.invert)((x - self.translate.0) / self.scale, (self.translate.1 - y) / self.scale);
        (lambda.to_degrees(), phi.to_degrees())
    }

    /// Scales and translates so that `points` (degrees) fill the box from `min` to `max`
    /// (screen units) as fully as their aspect allows, centred. Returns `self` unchanged when
    /// there are no points or they have no extent.
    pub fn fit_extent(self, min: (f64, f64), max: (f64, f64), points: impl IntoIterator<Item = (f64, f64)>) -> Self {
        let unit = Projection { scale: 1.0, translate: (0.0, 0.0), ..self };
        let mut bounds = Bounds::default();
        for point in points {
            bounds.add(unit.project(point));
        }
        let Some(((x0, y0), (x1, y1))) = bounds.get() else { return self };
        let (w, h) = (max.0 - min.0, max.1 - min.1);
        let (dx, dy) = (x1 - x0, y1 - y0);
        if dx <= 0.0 && dy <= 0.0 {
            return self;
        }
        let scale = (w / dx).min(h / dy);
        let translate = (min.0 + (w - scale * (x0 + x1)) / 2.0, min.1 + (h - scale * (y0 + y1)) / 2.0);
        Projection { scale, translate, ..self }
    }
}

/// A running bounding box of screen points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bounds(Option<((f64, f64), (f64, f64))>);

impl Bounds {
    /// Grows the box to include `point` (non-finite points are ignored).
    pub fn add(&mut self, (x, y): (f64, f64)) {
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        self.0 = Some(match self.0 {
            None => ((x, y), (x, y)),
            Some(((x0, y0), (x1, y1))) => ((x0.min(x), y0.min(y)), (x1.max(x), y1.max(y))),
        });
    }

    /// The box as (min, max), if any point was added.
    pub fn get(&self) -> Option<((f64, f64), (f64, f64))> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_and_invert_round_trip_with_scale_and_translate() {
        let p = Projection { scale: 150.0, translate: (480.0, 250.0), ..Projection::new(EQUAL_EARTH) };
        assert_eq!(p.project((0.0, 0.0)), (480.0, 250.0));
        let (x, y) = p.project((27.56, 53.9));
        assert!(x > 480.0 && y < 250.0, "east and north of the origin: ({x}, {y})");
        let (lon, lat) = p.invert((x, y));
        assert!((lon - 27.56).abs() < 1e-9 && (lat - 53.9).abs() < 1e-9);
    }

    #[test]
    fn fit_extent_fills_the_box_and_centres() {
        let points = [(-10.0, -10.0), (10.0, 10.0), (0.0, 30.0)];
        let p = Projection::new(EQUAL_EARTH).fit_extent((20.0, 20.0), (980.0, 520.0), points);
        let mut bounds = Bounds::default();
        for point in points {
            bounds.add(p.project(point));
        }
        let ((x0, y0), (x1, y1)) = bounds.get().unwrap();
        let tolerance = 1e-6;
        // Taller than wide here, so it fills the height and is centred horizontally.
        assert!((y0 - 20.0).abs() < tolerance && (y1 - 520.0).abs() < tolerance, "{y0} {y1}");
        assert!(((x0 + x1) / 2.0 - 500.0).abs() < tolerance);
        assert!(x0 >= 20.0 - tolerance && x1 <= 980.0 + tolerance);
    }

    #[test]
    fn fit_extent_without_points_changes_nothing() {
        let p = Projection::new(EQUAL_EARTH);
        for fitted in [p.fit_extent((0.0, 0.0), (10.0, 10.0), []), p.fit_extent((0.0, 0.0), (10.0, 10.0), [(5.0, 5.0)])]
        {
            assert_eq!((fitted.scale, fitted.translate), (p.scale, p.translate));
        }
    }
}
