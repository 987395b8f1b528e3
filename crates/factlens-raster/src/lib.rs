//! factlens-raster: a small software rasterizer for drawing large graphs: anti-aliased lines and discs blended
//! into an opaque RGBA pixel buffer, which the app puts on a canvas in one call.
//!
//! Why by hand: a browser's 2D canvas builds and scan-converts a path of tens of thousands of
//! circles and segments at the end of each task, which in Chromium's software canvas took 30–70
//! ms a frame for a 20,000-node graph. Dots and hairlines need none of a path renderer's
//! generality, and plotted straight into a buffer they cost a few milliseconds. (A general
//! renderer crate would have doubled the app's download.)

/// An opaque colour.
pub type Rgb = [u8; 3];

/// Pixels, row by row, 4 bytes each (red, green, blue, alpha 255), as `ImageData` wants them.
#[derive(Debug, Clone)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    /// Small discs ready to stamp, by radius; kept across frames.
    stamps: Vec<Stamp>,
}

/// Discs up to this radius (in pixels) are stamped: a large graph's dots are a pixel or two
/// across, and looking their coverage up costs a fraction of working each pixel out.
const STAMP_RADIUS: f64 = 4.0;
/// Stamped centres and radii are rounded to 1/`SUBPIXELS` of a pixel.
const SUBPIXELS: i64 = 8;
/// Stamps kept: one for every radius a stamp can have.
const STAMPS_KEPT: usize = (STAMP_RADIUS as usize) * SUBPIXELS as usize;

/// A small disc's pixel coverage, worked out once for every sub-pixel position of its centre.
#[derive(Debug, Clone)]
struct Stamp {
    radius: f64,
    /// Pixels each side of the centre's pixel the disc can touch.
    reach: i64,
    /// `SUBPIXELS`² blocks of (2·reach + 1)² coverages in (0, 1], row by row (0 for none).
    coverage: Vec<f32>,
}

impl Stamp {
    fn new(radius: f64) -> Self {
        let reach = (radius + 0.5).ceil() as i64 + 1;
        let mut coverage = Vec::new();
        for sy in 0..SUBPIXELS {
            for sx in 0..SUBPIXELS {
                let (cx, cy) = (sx as f64 / SUBPIXELS as f64, sy as f64 / SUBPIXELS as f64);
                for y in -reach..=reach {
                    for x in -reach..=reach {
                        let c = disc_coverage(x as f64 + 0.5 - cx, y as f64 + 0.5 - cy, radius);
                        coverage.push(if c > 0.0 { c.min(1.0) as f32 } else { 0.0 });
                    }
                }
            }
        }
        Stamp { radius, reach, coverage }
    }
}

/// How much of the pixel whose centre is `(dx, dy)` from a disc's centre the disc covers:
/// the coverage ramps over one pixel at the rim, by the centre's distance.
#[inline]
fn disc_coverage(dx: f64, dy: f64, radius: f64) -> f64 {
    // (`sqrt`, not `hypot`: one wasm instruction rather than a library call.)
    radius + 0.5 - (dx * dx + dy * dy).sqrt()
}

/// An opacity as a weight out of 256.
#[inline]
fn weight(opacity: f32) -> u32 {
    (opacity.clamp(0.0, 1.0) * 256.0) as u32
}

impl Raster {
    /// A buffer of `width` × `height` pixels filled with `background`.
    pub fn new(width: usize, height: usize, background: Rgb) -> Self {
        let mut raster = Raster { width, height, pixels: Vec::new(), stamps: Vec::new() };
        raster.clear(width, height, background);
        raster
    }

    /// Resizes the buffer (keeping its allocation when it can) and fills it with `background`.
    pub fn clear(&mut self, width: usize, height: usize, background: Rgb) {
        (self.width, self.height) = (width, height);
        let [r, g, b] = background;
        self.pixels.clear();
        self.pixels.resize(width * height * 4, 255);
        for pixel in self.pixels.chunks_exact_mut(4) {
            pixel[..3].copy_from_slice(&[r, g, b]);
        }
    }

    /// Blends `colour` at `opacity` (0 to 1) over the pixel at `(x, y)`, if it is inside.
    #[inline]
    fn blend(&mut self, x: i64, y: i64, colour: Rgb, opacity: f32) {
        self.blend_weight(x, y, colour, weight(opacity));
    }

    /// [`Raster::blend`] with the opacity as a weight out of 256.
    #[inline]
    fn blend_weight(&mut self, x: i64, y: i64, colour: Rgb, weight: u32) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 {
            return;
        }
        let at = (y as usize * self.width + x as usize) * 4;
        if let (true, Some(pixel)) = (weight > 0, self.pixels.get_mut(at..at + 4)) {
            let old = u32::from_le_bytes([pixel[0], pixel[1], pixel[2], pixel[3]]);
            pixel.copy_from_slice(&mix(old, packed(colour), weight).to_le_bytes());
        }
    }

    /// An anti-aliased line `width` pixels wide (at least one) from `from` to `to`, in pixel
    /// coordinates. Only the part inside the buffer costs anything.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), width: u32, colour: Rgb, opacity: f32) {
        let Some(((x0, y0), (x1, y1))) = self.clip(from, to) else { return };
        let steep = (y1 - y0).abs() > (x1 - x0).abs();
        // Walk along the major axis one pixel at a time; the line covers two pixels (or more,
        // when wide) across it, shared by how far it sits between them (Xiaolin Wu's method).
        let (mut a0, mut b0, mut a1, mut b1) = if steep { (y0, x0, y1, x1) } else { (x0, y0, x1, y1) };
        if a0 > a1 {
            (a0, b0, a1, b1) = (a1, b1, a0, b0);
        }
        let gradient = if a1 - a0 < 1e-9 { 0.0 } else { (b1 - b0) / (a1 - a0) };
        let width = i64::from(width.max(1));
        // The inner loop works on pixel offsets and 1/256ths of opacity: stepping one pixel
        // along the major axis moves `step_a` bytes, one across it `step_b`.
        let (w, h) = (self.width as i64, self.height as i64);
        let (len_a, len_b, step_a, step_b) = if steep { (h, w, w * 4, 4) } else { (w, h, 4, w * 4) };
        let weight = (opacity.clamp(0.0, 1.0) * 256.0) as i32;
        let pixels = &mut self.pixels[..];
        let source = packed(colour);
        let mut plot = |a: i64, b: i64, weight: i32| {
            if weight > 0 && (0..len_a).contains(&a) && (0..len_b).contains(&b) {
                let at = (a * step_a + b * step_b) as usize;
                if let Some(pixel) = pixels.get_mut(at..at + 4) {
                    let old = u32::from_le_bytes([pixel[0], pixel[1], pixel[2], pixel[3]]);
                    pixel.copy_from_slice(&mix(old, source, weight as u32).to_le_bytes());
                }
            }
        };
        // (`floor` of `+ 0.5`, not `round`: wasm has no instruction for the latter.)
        for a in (a0 + 0.5).floor() as i64..=(a1 + 0.5).floor() as i64 {
            // The line's centre across the axis at this pixel's centre, shifted so a wide line
            // stays centred.
            let b = b0 + gradient * (a as f64 + 0.5 - a0) - 0.5 - (width - 1) as f64 / 2.0;
            let base = b.floor();
            let far_share = ((b - base) * f64::from(weight)) as i32;
            let base = base as i64;
            plot(a, base, weight - far_share);
            for k in 1..width {
                plot(a, base + k, weight);
            }
            plot(a, base + width, far_share);
        }
    }

    /// How many pixels [`Raster::line`] would touch for this line: its length along its major
    /// axis inside the buffer, times its width plus one. For keeping a frame's work in budget.
    pub fn line_cost(&self, from: (f64, f64), to: (f64, f64), width: u32) -> f64 {
        self.clip(from, to).map_or(0.0, |((x0, y0), (x1, y1))| {
            ((x1 - x0).abs().max((y1 - y0).abs()) + 1.0) * f64::from(width.max(1) + 1)
        })
    }

    /// The part of the segment inside the buffer (with a pixel of margin), or `None`.
    /// Liang–Barsky clipping.
    fn clip(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return None;
        }
        let (dx, dy) = (x1 - x0, y1 - y0);
        let (min_x, min_y, max_x, max_y) = (-1.0, -1.0, self.width as f64 + 1.0, self.height as f64 + 1.0);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, x0 - min_x), (dx, max_x - x0), (-dy, y0 - min_y), (dy, max_y - y0)] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        (t0 <= t1).then_some(((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)))
    }

    /// An anti-aliased filled disc.
    /// A small one (the dots of a large graph) is stamped, its centre and radius rounded to
    /// an eighth of a pixel.
    pub fn disc(&mut self, centre: (f64, f64), radius: f64, colour: Rgb, opacity: f32) {
        let (w, h) = (self.width as f64, self.height as f64);
        let on_buffer = (-8.0..w + 8.0).contains(&centre.0) && (-8.0..h + 8.0).contains(&centre.1);
        let rounded = (radius * SUBPIXELS as f64).round() / SUBPIXELS as f64;
        if rounded > 0.0 && rounded <= STAMP_RADIUS && on_buffer {
            self.stamp(centre, rounded, colour, opacity);
        } else {
            self.ring_or_disc(centre, radius, None, colour, opacity);
        }
    }

    fn stamp(&mut self, (cx, cy): (f64, f64), radius: f64, colour: Rgb, opacity: f32) {
        let found = self.stamps.iter().position(|s| s.radius == radius);
        let at = found.unwrap_or_else(|| {
            if self.stamps.len() == STAMPS_KEPT {
                self.stamps.remove(0);
            }
            self.stamps.push(Stamp::new(radius));
            self.stamps.len() - 1
        });
        let stamp = std::mem::replace(&mut self.stamps[at], Stamp { radius: 0.0, reach: 0, coverage: Vec::new() });
        let (qx, qy) = ((cx * SUBPIXELS as f64).floor() as i64, (cy * SUBPIXELS as f64).floor() as i64);
        let (px, py) = (qx.div_euclid(SUBPIXELS), qy.div_euclid(SUBPIXELS));
        let side = (2 * stamp.reach + 1) as usize;
        let block = (qy.rem_euclid(SUBPIXELS) * SUBPIXELS + qx.rem_euclid(SUBPIXELS)) as usize * side * side;
        for (row, coverage) in stamp.coverage[block..block + side * side].chunks_exact(side).enumerate() {
            let y = py - stamp.reach + row as i64;
            for (column, &coverage) in coverage.iter().enumerate() {
                if coverage > 0.0 {
                    self.blend(px - stamp.reach + column as i64, y, colour, opacity * coverage);
                }
            }
        }
        self.stamps[at] = stamp;
    }

    /// An anti-aliased circle outline `width` pixels wide, centred on `radius`.
    pub fn ring(&mut self, centre: (f64, f64), radius: f64, width: f64, colour: Rgb, opacity: f32) {
        self.ring_or_disc(centre, radius, Some(width), colour, opacity);
    }

    fn ring_or_disc(&mut self, (cx, cy): (f64, f64), radius: f64, ring: Option<f64>, colour: Rgb, opacity: f32) {
        let outer = radius + ring.unwrap_or(0.0) / 2.0;
        if !(cx.is_finite() && cy.is_finite() && outer.is_finite() && outer > 0.0) {
            return;
        }
        let (w, h) = (self.width as f64, self.height as f64);
        if cx + outer < -1.0 || cy + outer < -1.0 || cx - outer > w + 1.0 || cy - outer > h + 1.0 {
            return;
        }
        // Pixels whose centres are within `outer + 0.5` of the centre can be touched.
        let x_range = ((cx - outer - 1.0).floor().max(0.0) as i64)..=((cx + outer).floor().min(w - 1.0) as i64);
        let y_range = ((cy - outer - 1.0).floor().max(0.0) as i64)..=((cy + outer).floor().min(h - 1.0) as i64);
        for y in y_range {
            let dy = y as f64 + 0.5 - cy;
            for x in x_range.clone() {
                // Distance from the pixel's centre; coverage ramps over one pixel at each edge.
                let dx = x as f64 + 0.5 - cx;
                let coverage = match ring {
                    None => disc_coverage(dx, dy, radius),
                    Some(width) => width / 2.0 + 0.5 - ((dx * dx + dy * dy).sqrt() - radius).abs(),
                };
                if coverage > 0.0 {
                    self.blend(x, y, colour, opacity * coverage.min(1.0) as f32);
                }
            }
        }
    }
}

/// An opaque colour as one little-endian RGBA pixel.
fn packed([r, g, b]: Rgb) -> u32 {
    u32::from_le_bytes([r, g, b, 255])
}

/// `old` moved `weight`/256 of the way to `new`, all channels at once: red and blue share one
/// multiplication (their bytes are 16 bits apart, so they cannot overflow into each other),
/// green has another, and alpha stays opaque.
#[inline]
fn mix(old: u32, new: u32, weight: u32) -> u32 {
    let keep = 256 - weight.min(256);
    let red_blue = ((old & 0x00ff_00ff) * keep + (new & 0x00ff_00ff) * (256 - keep)) >> 8;
    let green = ((old & 0x0000_ff00) * keep + (new & 0x0000_ff00) * (256 - keep)) >> 8;
    (red_blue & 0x00ff_00ff) | (green & 0x0000_ff00) | 0xff00_0000
}

/// A CSS colour written `#rgb` or `#rrggbb` (how the stylesheet's custom properties are), or
/// `rgb(r, g, b)` with whole numbers (how computed styles are). Integers only: parsing floats
/// would add the standard library's float parser to the app's download.
pub fn parse_colour(text: &str) -> Option<Rgb> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        return match hex.len() {
            3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
            6 => {
                let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
                Some([byte(0)?, byte(2)?, byte(4)?])
            }
            _ => None,
        };
    }
    let inner = text.strip_prefix("rgb(").or_else(|| text.strip_prefix("rgba("))?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ']).filter(|p| !p.is_empty()).map(|p| p.parse::<u8>().ok());
    let mut next = || parts.next()?;
    Some([next()?, next()?, next()?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = [255, 255, 255];
    const BLACK: Rgb = [0, 0, 0];

    /// How much ink there is: the sum over pixels of how far each moved from white, in pixels.
    fn ink(raster: &Raster) -> f64 {
        raster.pixels.chunks_exact(4).map(|p| f64::from(255 - p[0]) / 255.0).sum()
    }

    #[test]
    fn mixing_moves_each_channel_by_its_weight_and_keeps_alpha() {
        let (old, new) = (packed([200, 100, 0]), packed([0, 100, 255]));
        assert_eq!(mix(old, new, 0), old);
        assert_eq!(mix(old, new, 256), new);
        assert_eq!(mix(old, new, 128).to_le_bytes(), [100, 100, 127, 255]);
        assert_eq!(mix(old, new, 64).to_le_bytes(), [150, 100, 63, 255]);
    }

    #[test]
    fn clear_fills_every_pixel_opaque() {
        let raster = Raster::new(3, 2, [1, 2, 3]);
        assert_eq!(raster.pixels.len(), 24);
        assert!(raster.pixels.chunks_exact(4).all(|p| p == [1, 2, 3, 255]));
    }

    #[test]
    fn a_line_lays_down_about_its_length_in_ink_in_any_direction() {
        for (from, to) in [((10.0, 10.0), (90.0, 10.0)), ((10.0, 10.0), (10.0, 90.0)), ((10.0, 20.0), (90.0, 70.0))] {
            let mut raster = Raster::new(100, 100, WHITE);
            raster.line(from, to, 1, BLACK, 1.0);
            let length = f64::max((to.0 - from.0).abs(), (to.1 - from.1).abs());
            let thin = ink(&raster);
            assert!((thin - length).abs() < 3.0, "{from:?}→{to:?}: {thin} vs {length}");
            // Twice as wide, twice the ink.
            let mut wide = Raster::new(100, 100, WHITE);
            wide.line(from, to, 2, BLACK, 1.0);
            assert!((ink(&wide) - 2.0 * length).abs() < 5.0);
        }
    }

    #[test]
    fn a_lines_cost_counts_the_pixels_it_touches_inside() {
        let mut raster = Raster::new(100, 100, WHITE);
        let cost = raster.line_cost((10.0, 20.0), (90.0, 70.0), 1);
        let before = raster.pixels.clone();
        raster.line((10.0, 20.0), (90.0, 70.0), 1, BLACK, 1.0);
        let touched = raster.pixels.chunks_exact(4).zip(before.chunks_exact(4)).filter(|(a, b)| a != b).count();
        assert!(touched as f64 <= cost && cost <= touched as f64 * 1.1, "{touched} touched, cost {cost}");
        // Only the inside counts.
        let far = raster.line_cost((-1e9, 50.0), (1e9, 50.0), 1);
        assert!((far - raster.line_cost((-1.0, 50.0), (101.0, 50.0), 1)).abs() < 1e-3, "{far}");
        assert_eq!(raster.line_cost((-50.0, -50.0), (-10.0, -10.0), 1), 0.0);
    }

    #[test]
    fn a_horizontal_line_on_a_pixel_row_is_solid_there() {
        let mut raster = Raster::new(20, 5, WHITE);
        raster.line((2.0, 2.5), (17.0, 2.5), 1, BLACK, 1.0);
        let at = |x: usize, y: usize| raster.pixels[(y * 20 + x) * 4];
        assert_eq!(at(10, 2), 0);
        assert_eq!(at(10, 1), 255);
        assert_eq!(at(10, 3), 255);
    }

    #[test]
    fn opacity_blends_towards_the_colour() {
        let mut raster = Raster::new(4, 4, WHITE);
        raster.disc((2.0, 2.0), 10.0, BLACK, 0.25);
        assert_eq!(&raster.pixels[..4], &[191, 191, 191, 255]);
    }

    #[test]
    fn a_disc_covers_about_its_area_and_a_ring_its_circumference() {
        let mut raster = Raster::new(100, 100, WHITE);
        raster.disc((50.0, 50.0), 20.0, BLACK, 1.0);
        let area = std::f64::consts::PI * 400.0;
        assert!((ink(&raster) - area).abs() < 0.01 * area, "{}", ink(&raster));
        let mut raster = Raster::new(100, 100, WHITE);
        raster.ring((50.0, 50.0), 20.0, 2.0, BLACK, 1.0);
        let band = 2.0 * std::f64::consts::PI * 20.0 * 2.0;
        assert!((ink(&raster) - band).abs() < 0.03 * band, "{}", ink(&raster));
    }

    #[test]
    fn discs_and_rings_match_a_pixel_by_pixel_reference_exactly() {
        // The plain definition: every pixel of the box, its coverage by its centre's distance.
        fn reference(raster: &mut Raster, (cx, cy): (f64, f64), radius: f64, ring: Option<f64>, opacity: f32) {
            let outer = radius + ring.unwrap_or(0.0) / 2.0;
            for y in 0..raster.height as i64 {
                for x in 0..raster.width as i64 {
                    let (dx, dy) = (x as f64 + 0.5 - cx, y as f64 + 0.5 - cy);
                    let d = (dx * dx + dy * dy).sqrt();
                    let coverage = match ring {
                        None => radius + 0.5 - d,
                        Some(width) => width / 2.0 + 0.5 - (d - radius).abs(),
                    };
                    if coverage > 0.0 && d < outer + 1.0 {
                        raster.blend(x, y, BLACK, opacity * coverage.min(1.0) as f32);
                    }
                }
            }
        }
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            f64::from(seed >> 8) / f64::from(1u32 << 24)
        };
        let mut kinds = [0, 0];
        for case in 0..400 {
            let centre = (next() * 40.0 - 5.0, next() * 30.0 - 5.0);
            // Mostly the small dots of a large graph, some larger, some on whole and half pixels.
            let radius = match case % 4 {
                0 => 0.25 + next() * 2.0,
                1 => 1.0 + (next() * 8.0).floor() / 2.0,
                _ => 0.5 + next() * 12.0,
            };
            let centre = if case % 5 == 0 { (centre.0.floor() + 0.5, centre.1.floor()) } else { centre };
            let ring = (case % 3 == 0).then(|| 0.5 + next() * 3.0);
            let opacity = [1.0, 0.2, 0.35][case % 3];
            let (mut fast, mut slow) = (Raster::new(32, 24, WHITE), Raster::new(32, 24, WHITE));
            match ring {
                Some(width) => fast.ring(centre, radius, width, BLACK, opacity),
                None => fast.disc(centre, radius, BLACK, opacity),
            };
            // Small discs are stamped: centres rounded down to an eighth of a pixel, radii to the
            // nearest eighth.
            let eighth = |v: f64| (v * 8.0).floor() / 8.0;
            let stamped = ring.is_none() && (radius * 8.0).round() / 8.0 <= STAMP_RADIUS;
            kinds[usize::from(stamped)] += 1;
            let (centre, radius) = if stamped {
                ((eighth(centre.0), eighth(centre.1)), (radius * 8.0).round() / 8.0)
            } else {
                (centre, radius)
            };
            reference(&mut slow, centre, radius, ring, opacity);
            assert!(fast.pixels == slow.pixels, "case {case}: centre {centre:?}, radius {radius}, ring {ring:?}");
        }
        assert!(kinds[0] > 50 && kinds[1] > 50, "both ways of drawing are tested: {kinds:?}");
    }

    #[test]
    fn shapes_off_the_buffer_or_not_finite_draw_nothing_and_cost_nothing() {
        let mut raster = Raster::new(50, 50, WHITE);
        raster.disc((-100.0, 20.0), 5.0, BLACK, 1.0);
        raster.disc((f64::NAN, 20.0), 5.0, BLACK, 1.0);
        raster.line((f64::INFINITY, 0.0), (10.0, 10.0), 1, BLACK, 1.0);
        raster.line((-100.0, -100.0), (-50.0, -10.0), 1, BLACK, 1.0);
        assert_eq!(ink(&raster), 0.0);
        // A line from far away is clipped first, so it is quick and only its visible part shows.
        raster.line((-1e12, 25.5), (1e12, 25.5), 1, BLACK, 1.0);
        assert!((ink(&raster) - 50.0).abs() < 1.0, "{}", ink(&raster));
    }

    #[test]
    fn colours_parse_as_css_writes_them() {
        assert_eq!(parse_colour("#0b5cad"), Some([0x0b, 0x5c, 0xad]));
        assert_eq!(parse_colour(" #fff "), Some([255, 255, 255]));
        assert_eq!(parse_colour("rgb(12, 34, 56)"), Some([12, 34, 56]));
        assert_eq!(parse_colour("rgba(12, 34, 56, 0.5)"), Some([12, 34, 56]));
        assert_eq!(parse_colour("rgb(12 34 56)"), Some([12, 34, 56]));
        for bad in ["", "#12", "#gggggg", "red", "rgb(1, 2)", "#é1234"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }
}
