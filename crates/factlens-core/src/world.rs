//! The world's country shapes, decoded from `data/world.json` (made by `scripts/make-world.mjs`
//! from Natural Earth via world-atlas).
//!
//! The file keeps TopoJSON's shared arcs, quantized to a grid of `step` degrees and
//! delta-encoded as flat `[x0, y0, dx1, dy1, …]` integer lists; a ring lists arc indices, where
//! `!i` (bitwise not, i.e. `-i - 1`) means arc `i` reversed.

use serde::Deserialize;

/// A point as (longitude, latitude) in degrees.
pub type LonLat = (f64, f64);

/// One country: its ISO 3166-1 alpha-2 code (none for the few features without one) and its
/// polygons, each a list of rings (the first the outer boundary, the others holes).
#[derive(Debug, Clone, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: Option<String>,
    /// Natural Earth's short name.
    pub name: String,
    /// Polygons → rings → points in degrees.
    pub polygons: Vec<Vec<Vec<LonLat>>>,
}

/// Every country of the world.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// Where the geometry comes from.
    pub source: String,
    /// Its licence.
    pub license: String,
    /// The countries, sorted by code.
    pub countries: Vec<CountryShape>,
}

/// Why a geometry file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WorldError {
    #[error("the world geometry is not valid JSON of the expected shape: {0}")]
    Json(String),
    #[error("arc {0} has an odd number of values or fewer than two points")]
    BadArc(usize),
    #[error("country {country} refers to arc {arc}, which does not exist")]
    MissingArc { country: String, arc: i64 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorldFile {
    source: String,
    license: String,
    step: f64,
    arcs: Vec<Vec<i64>>,
    countries: Vec<CountryFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    code: Option<String>,
    name: String,
    polygons: Vec<Vec<Vec<i64>>>,
}

impl World {
    /// Decodes the geometry file.
    pub fn from_json(text: &str) -> Result<World, WorldError> {
        let file: WorldFile = serde_json::from_str(text).map_err(|err| WorldError::Json(err.to_string()))?;
        let arcs = file
            .arcs
            .iter()
            .enumerate()
            .map(|(i, flat)| decode_arc(flat, file.step).ok_or(WorldError::BadArc(i)))
            .collect::<Result<Vec<_>, _>>()?;
        let countries = file
            .countries
            .into_iter()
            .map(|country| {
                let polygons = country
                    .polygons
                    .iter()
                    .map(|rings| rings.iter().map(|ring| stitch(ring, &arcs)).collect::<Option<Vec<_>>>())
                    .collect::<Option<Vec<_>>>();
                match polygons {
                    Some(polygons) => {
                        let polygons = polygons.into_iter().flat_map(cut_at_antimeridian).collect();
                        Ok(CountryShape { code: country.code, name: country.name, polygons })
                    }
                    None => {
                        let arc = country.polygons.iter().flatten().flatten().copied().find(|&a| {
                            let i = if a < 0 { !a } else { a };
                            usize::try_from(i).map_or(true, |i| i >= arcs.len())
                        });
                        Err(WorldError::MissingArc { country: country.name, arc: arc.unwrap_or_default() })
                    }
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(World { source: file.source, license: file.license, countries })
    }

    /// The shape of the country with this alpha-2 code.
    pub fn country(&self, code: &str) -> Option<&CountryShape> {
        self.countries.iter().find(|c| c.code.as_deref() == Some(code))
    }
}

fn decode_arc(flat: &[i64], step: f64) -> Option<Vec<LonLat>> {
    if flat.len() < 4 || flat.len() % 2 != 0 {
        return None;
    }
    let (mut x, mut y) = (0i64, 0i64);
    Some(
        flat.chunks_exact(2)
            .map(|d| {
                x += d[0];
                y += d[1];
                (x as f64 * step, y as f64 * step)
            })
            .collect(),
    )
}

/// Joins a ring's arcs; each arc's first point repeats the previous arc's last, so it is skipped.
fn stitch(ring: &[i64], arcs: &[Vec<LonLat>]) -> Option<Vec<LonLat>> {
    let mut points: Vec<LonLat> = Vec::new();
    for &index in ring {
        let arc = arcs.get(usize::try_from(if index < 0 { !index } else { index }).ok()?)?;
        let start = usize::from(!points.is_empty());
        if index < 0 {
            points.extend(arc.iter().rev().skip(start));
        } else {
            points.extend(arc.iter().skip(start));
        }
    }
    Some(points)
}

/// Splits a polygon that crosses the 180° meridian (Russia's Chukotka, Fiji) into pieces that
/// each stay on one side, so a projection centred on 0° does not draw a band across the map.
///
/// Each ring is first "unwrapped" so consecutive points never jump by more than 180° of
/// longitude, then clipped to each 360°-wide window it reaches and shifted back. A ring that
/// goes all the way round a pole (Antarctica) cannot be unwrapped into a closed ring and is left
/// as it is. Holes are kept with the piece their first point falls in.
pub fn cut_at_antimeridian(rings: Vec<Vec<LonLat>>) -> Vec<Vec<Vec<LonLat>>> {
    let Some(outer) = rings.first() else { return vec![rings] };
    let unwrapped = unwrap(outer);
    let (min, max) = unwrapped.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let closes = unwrapped.first().zip(unwrapped.last()).is_some_and(|(a, b)| (a.0 - b.0).abs() < 1e-9);
    if !closes || (min >= -180.0 && max <= 180.0) {
        return vec![rings];
    }
    let mut pieces: Vec<Vec<Vec<LonLat>>> = Vec::new();
    for window in [-1.0, 0.0, 1.0] {
        let (lo, hi) = (-180.0 + 360.0 * window, 180.0 + 360.0 * window);
        if max <= lo || min >= hi {
            continue;
        }
        let clipped = clip(&clip(&unwrapped, |p| p.0 >= lo, lo), |p| p.0 <= hi, hi);
        if clipped.len() >= 4 {
            pieces.push(vec![clipped.into_iter().map(|(lon, lat)| (lon - 360.0 * window, lat)).collect()]);
        }
    }
    for hole in &rings[1..] {
        let lon = hole.first().map_or(0.0, |p| p.0);
        if let Some(piece) = pieces.iter_mut().find(|piece| {
            let (lo, hi) = piece[0].iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
            (lo..=hi).contains(&lon)
        }) {
            piece.push(hole.clone());
        }
    }
    pieces
}

/// Shifts longitudes by whole turns so that no step between neighbours exceeds 180°.
fn unwrap(ring: &[LonLat]) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::with_capacity(ring.len());
    for &(lon, lat) in ring {
        let lon = match out.last() {
            Some(&(previous, _)) => lon + 360.0 * ((previous - lon) / 360.0).round(),
            None => lon,
        };
        out.push((lon, lat));
    }
    out
}

/// Sutherland–Hodgman: the part of a closed ring on the inner side of the meridian `at`.
fn clip(ring: &[LonLat], inside: impl Fn(LonLat) -> bool, at: f64) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::new();
    let crossing = |a: LonLat, b: LonLat| {
        let t = (at - a.0) / (b.0 - a.0);
        (at, a.1 + t * (b.1 - a.1))
    };
    for pair in ring.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(crossing(a, b)),
            (false, true) => {
                out.push(crossing(a, b));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    if let Some(&first) = out.first() {
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_shared_and_reversed_arcs() {
        // Two squares sharing the edge x = 1, one arc drawn once and used both ways.
        let text = r#"{"source":"s","license":"l","step":1,
            "arcs":[[1,0,0,1],[1,1,-1,0,0,-1,1,0],[1,0,1,0,0,1,-1,0]],
            "countries":[{"code":"AA","name":"A","polygons":[[[0,1]]]},
                         {"code":null,"name":"B","polygons":[[[2,-1]]]}]}"#;
        let world = World::from_json(text).unwrap();
        assert_eq!(world.countries[0].polygons[0][0], vec![(1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0)]);
        assert_eq!(world.countries[1].polygons[0][0], vec![(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)]);
        assert_eq!(world.country("AA").unwrap().name, "A");
    }

    #[test]
    fn polygons_crossing_the_antimeridian_are_cut_in_two() {
        let square = vec![vec![(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]];
        let pieces = cut_at_antimeridian(square);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            let ring = &piece[0];
            assert_eq!(ring.first(), ring.last());
            let (lo, hi) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
            assert!(hi - lo <= 10.0 + 1e-9, "each piece stays on its side: {ring:?}");
            assert!(ring.iter().any(|p| p.0.abs() == 180.0), "cut along the meridian");
        }
        let plain = vec![vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]];
        assert_eq!(cut_at_antimeridian(plain.clone()), vec![plain]);
    }

    #[test]
    fn no_shipped_ring_jumps_across_the_map() {
        let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
        for country in world.countries.iter().filter(|c| c.code.as_deref() != Some("AQ")) {
            for ring in country.polygons.iter().flatten() {
                for pair in ring.windows(2) {
                    assert!(
                        (pair[0].0 - pair[1].0).abs() < 180.0,
                        "{} jumps from {:?} to {:?}",
                        country.name,
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        assert!(matches!(World::from_json("{"), Err(WorldError::Json(_))));
        let odd = r#"{"source":"s","license":"l","step":1,"arcs":[[1,2,3]],"countries":[]}"#;
        assert_eq!(World::from_json(odd), Err(WorldError::BadArc(0)));
        let dangling = r#"{"source":"s","license":"l","step":1,"arcs":[],"countries":[{"code":"AA","name":"A","polygons":[[[3]]]}]}"#;
        assert_eq!(World::from_json(dangling), Err(WorldError::MissingArc { country: "A".into(), arc: 3 }));
    }

    #[test]
    fn the_shipped_world_has_every_sovereign_story_country_with_closed_rings() {
        let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
        assert!(world.countries.len() >= 240);
        for code in ["BY", "MM", "CN", "RU", "KH", "SG", "TV"] {
            assert!(world.country(code).is_some(), "{code} is drawn");
        }
        for country in &world.countries {
            // Specks of islands may collapse on the 0.01° grid, but every country keeps a shape.
            assert!(country.polygons.iter().any(|rings| rings[0].len() >= 4), "{} has no shape", country.name);
            for ring in country.polygons.iter().flatten() {
                assert_eq!(ring.first(), ring.last(), "{} has an open ring", country.name);
                for &(lon, lat) in ring {
                    assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "{}", country.name);
                }
            }
        }
    }
}
