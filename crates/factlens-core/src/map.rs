//! The map's model: every country as a ready SVG path with its role in the story, the story's
//! located places, and the flows between countries as arcs. Built once per story; the view only
//! renders it, and pan and zoom change a transform, never these paths.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::index::Story;
use crate::kinds::RelationKind;
use crate::model::{BuiltinKind, EntityKind, FactStatus, Relation};
use crate::pause::{self, Pause};
use crate::projection::{Projection, EQUAL_EARTH};
use crate::svg_path::{rings_to_path, Fixed};
use crate::words::{fill, t, Word};
use crate::world::{CountryShape, World};

/// The map's drawing area in SVG user units; the SVG scales it to its container.
pub const WIDTH: f64 = 960.0;
/// See [`WIDTH`].
pub const HEIGHT: f64 = 540.0;
/// The SVG `viewBox` of [`WIDTH`] and [`HEIGHT`], written out so the page formats no float for
/// it (a float's `Display` alone is kilobytes of wasm).
pub const VIEW_BOX: &str = "0 0 960 540";
/// How far beyond the frame a reader can pan, as a fraction of its size (the app's pan and zoom
/// keep to it).
pub const REACH: f64 = 0.5;
/// How far, in map units, a simplified country outline may stray from Natural Earth's: about
/// the precision of its 1:110m cut (a tenth of a degree, 0.27 map units). On a map 700 CSS
/// pixels wide that is a quarter of a pixel; at the largest zoom (16×), with the rounding to
/// quarters, outlines stay within 5 pixels of the data, which is itself that coarse there.
const SIMPLIFY: f64 = 0.25;
/// The same for the countries outside the story, the background a pan reaches: context, drawn
/// with half the precision (a pixel of the default view's 700 at the largest zoom's 16×, 8
/// pixels from the data, beside the story's countries' 5); it is most of the page's map bytes.
const SIMPLIFY_BACKGROUND: f64 = 0.5;
/// Space kept around the story's countries when framing them.
const PADDING: f64 = 48.0;

/// How a country figures in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryRole {
    /// One of the story's main countries (the story's `focus`, or the two with most facts).
    Principal,
    /// Allied (`ally_of`) with a principal.
    Ally,
    /// Named in the story otherwise.
    Mentioned,
    /// Not in the story.
    Other,
}

impl CountryRole {
    /// Every role, in legend order.
    pub const ALL: [CountryRole; 4] =
        [CountryRole::Principal, CountryRole::Ally, CountryRole::Mentioned, CountryRole::Other];

    /// The word used in class names and hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            CountryRole::Principal => "principal",
            CountryRole::Ally => "ally",
            CountryRole::Mentioned => "mentioned",
            CountryRole::Other => "other",
        }
    }

    /// The legend's label, in the interface's language.
    pub fn label(self) -> &'static str {
        t(match self {
            CountryRole::Principal => Word::RolePrincipal,
            CountryRole::Ally => Word::RoleAlly,
            CountryRole::Mentioned => Word::RoleMentioned,
            CountryRole::Other => Word::RoleOther,
        })
    }
}

/// One country, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapCountry {
    /// ISO 3166-1 alpha-2 code, if it has one.
    pub code: Option<String>,
    /// Its name: the story's entity name when the story has one, else Natural Earth's.
    pub name: String,
    /// SVG path data in map units.
    pub path: String,
    /// Its role in the story.
    pub role: CountryRole,
    /// Where its label, marker and arcs attach: the centroid of its largest polygon.
    pub anchor: (f64, f64),
    /// Where its name goes when the shape is too small to hold it (the name's bottom middle,
    /// just above the shape), so the name never hides the country; otherwise on `anchor`.
    pub label_above: Option<(f64, f64)>,
    /// How many facts are about it or about entities belonging to it.
    pub fact_count: usize,
}

/// A place with coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPlace {
    /// The place's entity id.
    pub entity_id: String,
    /// Its name.
    pub name: String,
    /// Its projected position.
    pub point: (f64, f64),
}

/// A flow between two countries: every relation of one kind between their entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapArc {
    /// Alpha-2 code where the flow starts.
    pub from: String,
    /// Alpha-2 code where it ends.
    pub to: String,
    /// The relation kind, a place in the story's [`crate::Kinds`].
    pub kind: RelationKind,
    /// The arc's name in a selection and in the page (`BY-MM-supplied_arms_to`): one arc per
    /// pair of countries and kind.
    pub key: String,
    /// Whether it has a direction (arrowhead).
    pub directed: bool,
    /// The relations it stands for, in dataset order.
    pub relation_ids: Vec<String>,
    /// SVG path data: a quadratic curve, bent so parallel flows stay apart.
    pub path: String,
    /// How far the story vouches for the flow: its relations' standings ([`Story::standing`])
    /// taken together ([`FactStatus::together`]).
    pub status: FactStatus,
}

impl MapArc {
    /// What readers are told of the arc, in the interface's language: "Belarus supplied arms to
    /// Myanmar (7 relations)", and how far the story vouches for it when it is a claim ("…, a
    /// claim, according to Justice For Myanmar").
    pub fn label(&self, story: &Story, map: &MapModel) -> String {
        let name = |code: &str| map.country(code).map_or(code, |c| c.name.as_str()).to_owned();
        let kind = story.kinds.get(self.kind).label();
        let mut label = fill(Word::ArcLabel, &[&name(&self.from), kind, &name(&self.to)]);
        if self.relation_ids.len() > 1 {
            label.push_str(&fill(Word::ArcRelations, &[&self.relation_ids.len().to_string()]));
        }
        let mut relations = self.relation_ids.iter().filter_map(|id| story.relation(id));
        if let Some(note) = relations.find(|r| story.standing(r) == self.status).and_then(|r| story.standing_note(r)) {
            label.push_str(", ");
            label.push_str(&note);
        }
        label
    }
}

/// Everything the map view draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapModel {
    /// The story's countries, by role (main countries last, so they draw on top).
    pub countries: Vec<MapCountry>,
    /// Every other country a pan can bring into view, as one outline (SVG path data in quarters
    /// of a map unit): the world the story happens in, drawn once and not interactive.
    pub world: String,
    /// The story's places with coordinates.
    pub places: Vec<MapPlace>,
    /// The flows between countries.
    pub arcs: Vec<MapArc>,
    /// The story's countries in keyboard order (west to east).
    pub story_countries: Vec<String>,
    /// The relation kinds drawn as arcs, in the kind table's order.
    pub arc_kinds: Vec<RelationKind>,
    /// Where the geometry comes from, for the credit line.
    pub source: String,
}

impl MapModel {
    /// Builds the map of a story over the world's countries.
    pub fn new(story: &Story, world: &World) -> MapModel {
        pause::finish(Self::new_pausing(story, world, &mut pause::Never))
    }

    /// [`MapModel::new`], giving way to `pause` between items (see [`crate::pause`]).
    pub async fn new_pausing(story: &Story, world: &World, pause: &mut impl Pause) -> MapModel {
        let entities = &story.dataset.entities;
        let facts_by_country = facts_by_country(story, pause).await;
        let roles = roles(story, &facts_by_country);
        pause.point().await;

        let projection = framing(roles.keys().map(String::as_str), world);

        // Look-ups built once: a scan of the entities per country, and of the places per
        // relation, took a 20,000-entity story a quarter of a second in the browser.
        let mut story_names: HashMap<&str, &str> = HashMap::new();
        for entity in entities.iter().filter(|e| e.kind == EntityKind::Country) {
            if let Some(code) = entity.country.as_deref() {
                story_names.entry(code).or_insert(&entity.name);
            }
        }
        let story_name = |code: &str| story_names.get(code).map(|name| (*name).to_owned());
        let mut countries: Vec<MapCountry> = Vec::with_capacity(roles.len());
        let mut background = String::new();
        for shape in &world.countries {
            pause.point().await;
            let projected = projected_rings(shape, &projection);
            let code = shape.code.clone();
            let role = code.as_deref().and_then(|c| roles.get(c).copied()).unwrap_or(CountryRole::Other);
            if role == CountryRole::Other {
                // A country no pan can bring into view is left out: most of the world, for a
                // story framed on one region.
                if in_reach(projected.iter().flatten().copied()) {
                    background.push_str(&rings_to_path(projected.iter().map(Vec::as_slice), SIMPLIFY_BACKGROUND));
                }
                continue;
            }
            countries.push({
                let outline: Vec<(f64, f64)> = largest_polygon(&shape.polygons)
                    .map(|rings| rings[0].iter().map(|&p| projection.project(p)).collect())
                    .unwrap_or_default();
                let anchor = if outline.is_empty() { (0.0, 0.0) } else { hundredths(centroid(&outline)) };
                let name = code.as_deref().and_then(story_name).unwrap_or_else(|| shape.name.clone());
                let mut path = rings_to_path(projected.iter().map(Vec::as_slice), SIMPLIFY);
                if path.is_empty() {
                    // Smaller than the path's precision (the Vatican): drawn as a dot.
                    path = dot(anchor);
                }
                MapCountry {
                    label_above: label_above(&outline, anchor, &name),
                    name,
                    fact_count: code.as_deref().and_then(|c| facts_by_country.get(c)).map_or(0, BTreeSet::len),
                    path,
                    code,
                    role,
                    anchor,
                }
            });
        }
        countries.sort_by_key(|c| std::cmp::Reverse(c.role));

        let mut story_countries: Vec<&MapCountry> = countries.iter().filter(|c| c.role != CountryRole::Other).collect();
        story_countries.sort_by(|a, b| a.anchor.0.total_cmp(&b.anchor.0));
        let story_countries = story_countries.into_iter().filter_map(|c| c.code.clone()).collect();

        let mut places: Vec<MapPlace> = Vec::new();
        for e in entities {
            pause.point().await;
            let Some(location) = e.location else { continue };
            let (entity_id, name) = (e.id.clone(), e.name.clone());
            places.push(MapPlace {
                entity_id,
                name,
                point: hundredths(projection.project((location.lon, location.lat))),
            });
        }

        let arcs = arcs(story, &countries, &places, pause).await;
        let mut arc_kinds: Vec<RelationKind> = arcs.iter().map(|a| a.kind).collect();
        arc_kinds.sort();
        arc_kinds.dedup();
        MapModel {
            countries,
            world: background,
            places,
            arcs,
            story_countries,
            arc_kinds,
            source: world.source.clone(),
        }
    }

    /// The country with this code, if it is in the story.
    pub fn country(&self, code: &str) -> Option<&MapCountry> {
        self.countries.iter().find(|c| c.code.as_deref() == Some(code))
    }
}

/// A point rounded to a hundredth of a map unit: far below a pixel, and so rounded it reads
/// back from a published story's JSON exactly as it was written.
fn hundredths((x, y): (f64, f64)) -> (f64, f64) {
    ((x * 100.0).round() / 100.0, (y * 100.0).round() / 100.0)
}

/// For each country code, the indices of facts about it or about anything belonging to it.
async fn facts_by_country(story: &Story, pause: &mut impl Pause) -> BTreeMap<String, BTreeSet<usize>> {
    // Gathered in hash maps and vectors, then sorted once: a tree insert per fact and entity
    // was most of this function's time for a 20,000-entity story.
    let country_of: HashMap<&str, &str> =
        story.dataset.entities.iter().filter_map(|e| Some((e.id.as_str(), e.country.as_deref()?))).collect();
    let mut facts: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, fact) in story.dataset.facts.iter().enumerate() {
        for id in fact.entities.iter().chain(fact.attribution.as_ref()) {
            if let Some(&code) = country_of.get(id.as_str()) {
                facts.entry(code).or_default().push(i);
            }
        }
        pause.point().await;
    }
    facts.into_iter().map(|(code, indices)| (code.to_owned(), indices.into_iter().collect())).collect()
}

/// The role of every country the story names.
fn roles(story: &Story, facts_by_country: &BTreeMap<String, BTreeSet<usize>>) -> BTreeMap<String, CountryRole> {
    let dataset = &story.dataset;
    let country_of = |id: &str| story.entity(id).and_then(|e| e.country.clone());
    let mentioned: HashSet<&str> = dataset.entities.iter().filter_map(|e| e.country.as_deref()).collect();
    let mut roles: BTreeMap<String, CountryRole> =
        mentioned.into_iter().map(|code| (code.to_owned(), CountryRole::Mentioned)).collect();

    let mut principals: Vec<String> = dataset.story.focus.iter().filter_map(|id| country_of(id)).collect();
    if principals.is_empty() {
        let mut by_facts: Vec<(&String, usize)> =
            roles.keys().map(|c| (c, facts_by_country.get(c).map_or(0, BTreeSet::len))).collect();
        by_facts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        principals = by_facts.into_iter().take(2).map(|(c, _)| c.clone()).collect();
    }
    for relation in dataset.relations.iter().filter(|r| r.kind == BuiltinKind::AllyOf.as_str()) {
        let (Some(a), Some(b)) = (country_of(&relation.from), country_of(&relation.to)) else { continue };
        for (ally, principal) in [(&a, &b), (&b, &a)] {
            if principals.contains(principal) && !principals.contains(ally) {
                roles.insert(ally.clone(), CountryRole::Ally);
            }
        }
    }
    for code in principals {
        roles.insert(code, CountryRole::Principal);
    }
    roles
}

/// Every ring of a country's polygons, projected.
fn projected_rings(shape: &CountryShape, projection: &Projection) -> Vec<Vec<(f64, f64)>> {
    shape.polygons.iter().flatten().map(|ring| ring.iter().map(|&p| projection.project(p)).collect()).collect()
}

/// The projection that frames the story's countries (their largest polygons, so far-flung
/// islands do not shrink the view), or the whole world when it has none.
fn framing<'a>(codes: impl Iterator<Item = &'a str>, world: &World) -> Projection {
    let largest = |code: &str| world.country(code).and_then(|c| largest_polygon(&c.polygons));
    let framed: Vec<(f64, f64)> = codes.filter_map(largest).flat_map(|rings| rings[0].iter().copied()).collect();
    let everything = || world.countries.iter().flat_map(|c| c.polygons.iter().flatten().flatten().copied());
    let min = (PADDING, PADDING);
    let max = (WIDTH - PADDING, HEIGHT - PADDING);
    if framed.is_empty() {
        Projection::new(EQUAL_EARTH).fit_extent(min, max, everything())
    } else {
        Projection::new(EQUAL_EARTH).fit_extent(min, max, framed)
    }
}

/// The relations of one kind between two countries, gathered into one arc.
struct FlowGroup {
    relation_ids: Vec<String>,
    directed: bool,
    /// Where the arc ends when a relation ends at a located place.
    place: Option<(f64, f64)>,
}

async fn arcs(story: &Story, countries: &[MapCountry], places: &[MapPlace], pause: &mut impl Pause) -> Vec<MapArc> {
    let country = |id: &str| story.entity(id).and_then(|e| e.country.clone());
    // Group relations by (from country, to country, kind); a group ends at a place when one of
    // its relations does (Lukashenko visited Naypyitaw, not just Myanmar).
    let mut place_at: HashMap<&str, (f64, f64)> = HashMap::new();
    for place in places {
        place_at.entry(place.entity_id.as_str()).or_insert(place.point);
    }
    let mut groups: BTreeMap<(String, String, RelationKind), FlowGroup> = BTreeMap::new();
    for relation in &story.dataset.relations {
        pause.point().await;
        let Some(kind) = story.kind_of(relation).filter(|&kind| story.kinds.get(kind).arc) else { continue };
        let (Some(from), Some(to)) = (country(&relation.from), country(&relation.to)) else { continue };
        if from == to {
            continue;
        }
        let place = place_at.get(relation.to.as_str()).copied();
        let group = groups.entry((from, to, kind)).or_insert_with(|| FlowGroup {
            relation_ids: Vec::new(),
            directed: relation.directed,
            place: None,
        });
        group.relation_ids.push(relation.id.clone());
        group.directed &= relation.directed;
        group.place = group.place.or(place);
    }

    // Parallel flows between the same two countries bend by different amounts.
    let mut seen_pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_code: HashMap<&str, &MapCountry> = HashMap::new();
    for country in countries {
        if let Some(code) = country.code.as_deref() {
            by_code.entry(code).or_insert(country);
        }
    }
    let anchor = |code: &str| by_code.get(code).map(|c| c.anchor);
    groups
        .into_iter()
        .filter_map(|((from, to, kind), FlowGroup { relation_ids, directed, place })| {
            let (start, country_end) = (anchor(&from)?, anchor(&to)?);
            let end = place.unwrap_or(country_end);
            let pair = if from < to { (from.clone(), to.clone()) } else { (to.clone(), from.clone()) };
            let nth = seen_pairs.entry(pair.clone()).or_insert(0);
            // Flip the bend for the reverse direction, so A→B and B→A do not overlap.
            let side = if pair.0 == from { 1.0 } else { -1.0 };
            let bend = side * (0.18 + 0.12 * *nth as f64);
            *nth += 1;
            let relations: Vec<&Relation> = relation_ids.iter().filter_map(|id| story.relation(id)).collect();
            let status = FactStatus::together(relations.iter().map(|r| story.standing(r)));
            let key = format!("{from}-{to}-{}", story.kinds.get(kind).id);
            Some(MapArc { path: curve(start, end, bend), from, to, kind, key, directed, relation_ids, status })
        })
        .collect()
}

/// A name's size on the map at the first zoom, in map units: a character's width and the
/// line's height (the map's labels are 12 CSS pixels on a map about 700 pixels wide).
const LABEL_CHAR: (f64, f64) = (9.0, 16.0);

/// Where a country's name goes when its shape (its largest polygon's `outline`) is smaller than
/// the name: above the shape, over `anchor`.
fn label_above(outline: &[(f64, f64)], anchor: (f64, f64), name: &str) -> Option<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in outline {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let fits = x1 - x0 >= name.chars().count() as f64 * LABEL_CHAR.0 && y1 - y0 >= LABEL_CHAR.1 * 2.0;
    (!outline.is_empty() && !fits).then(|| hundredths((anchor.0, y0 - 2.0)))
}

/// How far short of its ends, in map units, an arc stops: arcs that meet at a country or a
/// place fan out around it by the directions they arrive from, and leave its mark clear.
const ARC_GAP: f64 = 5.0;

/// A quadratic curve from `a` to `b` whose control point sits `bend` × the distance off the
/// chord's midpoint, to the left of the direction of travel.
fn curve(a: (f64, f64), b: (f64, f64), bend: f64) -> String {
    let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (cx, cy) = (mx + bend * dy, my - bend * dx);
    // Each end moves ARC_GAP towards the control point, along the curve's own tangent.
    let toward_control = |(x, y): (f64, f64)| {
        let length = ((cx - x) * (cx - x) + (cy - y) * (cy - y)).sqrt().max(ARC_GAP * 4.0);
        (x + (cx - x) * ARC_GAP / length, y + (cy - y) * ARC_GAP / length)
    };
    let (a, b) = (toward_control(a), toward_control(b));
    let [a, b, c, d, e, f] = [a.0, a.1, cx, cy, b.0, b.1].map(|v| Fixed(v, 1));
    format!("M{a},{b}Q{c},{d} {e},{f}")
}

/// Whether a shape (its points, in map units) can be panned into view: at the widest zoom the
/// view may move [`REACH`] of the frame's size beyond each edge, and no further.
fn in_reach(points: impl Iterator<Item = (f64, f64)>) -> bool {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    x1 >= -REACH * WIDTH && x0 <= (1.0 + REACH) * WIDTH && y1 >= -REACH * HEIGHT && y0 <= (1.0 + REACH) * HEIGHT
}

/// A small diamond around `(x, y)`, for countries too small to draw at this scale.
fn dot((x, y): (f64, f64)) -> String {
    let r = 0.8;
    rings_to_path([&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)][..]], 0.0)
}

/// The polygon with the largest outer ring by area in degrees² (good enough to pick the
/// mainland).
fn largest_polygon(polygons: &[Vec<Vec<(f64, f64)>>]) -> Option<&Vec<Vec<(f64, f64)>>> {
    polygons
        .iter()
        .filter(|rings| !rings.is_empty())
        .max_by(|a, b| signed_area(&a[0]).abs().total_cmp(&signed_area(&b[0]).abs()))
}

fn signed_area(ring: &[(f64, f64)]) -> f64 {
    ring.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>() / 2.0
}

/// The area-weighted centroid of a closed ring; its vertex mean when it has no area.
fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let area = signed_area(ring);
    if area.abs() < 1e-9 {
        let n = ring.len().max(1) as f64;
        return (ring.iter().map(|p| p.0).sum::<f64>() / n, ring.iter().map(|p| p.1).sum::<f64>() / n);
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0].0 * w[1].1 - w[1].0 * w[0].1;
        cx += (w[0].0 + w[1].0) * cross;
        cy += (w[0].1 + w[1].1) * cross;
    }
    (cx / (6.0 * area), cy / (6.0 * area))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::Dataset;

    fn model() -> MapModel {
        let dataset: Dataset = crate::parse(include_str!("../../../data/belarus-myanmar.json")).unwrap();
        let story = Story::new(dataset, BTreeMap::new());
        let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
        MapModel::new(&story, &world)
    }

    #[test]
    fn the_written_out_constants_say_what_they_stand_for() {
        assert_eq!(VIEW_BOX, format!("0 0 {WIDTH} {HEIGHT}"));
        assert_eq!(crate::svg_path::SCALE_STEP, format!("scale({})", crate::svg_path::STEP));
    }

    #[test]
    fn a_small_country_is_named_above_its_shape_and_a_large_one_on_it() {
        let map = model();
        let belarus = map.country("BY").unwrap();
        let (x, y) = belarus.label_above.expect("Belarus is smaller than its name");
        assert_eq!(x, belarus.anchor.0);
        assert!(y < belarus.anchor.1, "above the shape");
        assert_eq!(map.country("RU").unwrap().label_above, None, "Russia holds its name");
    }

    #[test]
    fn arcs_stop_short_of_the_marks_they_meet_at() {
        let map = model();
        // Arcs into Myanmar end at its mark or at Naypyitaw's.
        let marks =
            [map.country("MM").unwrap().anchor, map.places.iter().find(|p| p.entity_id == "naypyitaw").unwrap().point];
        let ends: Vec<(f64, f64)> = map
            .arcs
            .iter()
            .filter(|arc| arc.to == "MM")
            .map(|arc| {
                let end = arc.path.rsplit(' ').next().unwrap();
                let (x, y) = end.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert!(ends.len() > 3);
        for &(x, y) in &ends {
            let gap = marks.iter().map(|m| ((x - m.0).powi(2) + (y - m.1).powi(2)).sqrt()).fold(f64::MAX, f64::min);
            assert!((gap - ARC_GAP).abs() < 0.2, "an arc ends {gap} from the mark it meets");
        }
        let mut distinct = ends.clone();
        distinct.sort_by(|a, b| a.0.total_cmp(&b.0));
        distinct.dedup_by(|a, b| (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() < 0.5);
        assert!(distinct.len() > ends.len() / 2, "arcs meeting at one mark fan out around it: {ends:?}");
    }

    #[test]
    fn story_countries_get_their_roles() {
        let map = model();
        let role = |code: &str| map.country(code).unwrap().role;
        assert_eq!(role("BY"), CountryRole::Principal);
        assert_eq!(role("MM"), CountryRole::Principal);
        assert_eq!(role("CN"), CountryRole::Ally);
        assert_eq!(role("RU"), CountryRole::Ally);
        assert_eq!(role("KH"), CountryRole::Mentioned);
        assert!(map.country("FR").is_none(), "France is not in the story: it is part of the world");
        assert_eq!(map.story_countries.len(), 5);
        assert_eq!(map.countries.len(), 5);
    }

    #[test]
    fn the_story_is_framed_inside_the_drawing_area() {
        let map = model();
        for code in &map.story_countries {
            let (x, y) = map.country(code).unwrap().anchor;
            assert!((0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y), "{code} at ({x}, {y})");
        }
        let naypyitaw = map.places.iter().find(|p| p.entity_id == "naypyitaw").unwrap();
        let myanmar = map.country("MM").unwrap().anchor;
        let distance = ((naypyitaw.point.0 - myanmar.0).powi(2) + (naypyitaw.point.1 - myanmar.1).powi(2)).sqrt();
        assert!(distance < 30.0, "Naypyitaw is drawn inside Myanmar, {distance} units from its centre");
    }

    #[test]
    fn keyboard_order_runs_west_to_east() {
        let map = model();
        let xs: Vec<f64> = map.story_countries.iter().map(|c| map.country(c).unwrap().anchor.0).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{:?}", map.story_countries);
    }

    #[test]
    fn flows_become_arcs_between_countries() {
        let map = model();
        let kinds = crate::testing::bundled_story().kinds;
        let arc = |from: &str, to: &str, kind: BuiltinKind| {
            let key = format!("{from}-{to}-{}", kind.as_str());
            map.arcs.iter().find(|a| a.key == key && kinds.get(a.kind).id == kind.as_str())
        };
        let arms = arc("BY", "MM", BuiltinKind::SuppliedArmsTo).expect("arms flow from Belarus to Myanmar");
        assert!(arms.directed && arms.relation_ids.len() > 1);
        assert!(arc("MM", "BY", BuiltinKind::Visited).is_some(), "Min Aung Hlaing's visits");
        assert!(arc("BY", "MM", BuiltinKind::Visited).is_some(), "Lukashenko's visit");
        // Hun Sen's 2022 engagement is diplomatic, not a visit the article tells of: no flow.
        assert!(arc("KH", "MM", BuiltinKind::Visited).is_none(), "Hun Sen's engagement is not drawn as a visit");
        for arc in &map.arcs {
            assert!(kinds.get(arc.kind).arc && arc.from != arc.to);
        }
        assert!(map.arc_kinds.contains(&kinds.find("ally_of").unwrap()));
    }

    #[test]
    fn every_country_that_can_come_into_view_is_drawn_and_no_other() {
        let map = model();
        for country in &map.countries {
            assert!(country.path.starts_with('M'), "{} is drawn", country.name);
            assert_ne!(country.role, CountryRole::Other);
        }
        let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
        let projection = framing(map.countries.iter().filter_map(|c| c.code.as_deref()), &world);
        let outline = |code: &str| {
            let rings = projected_rings(world.country(code).unwrap(), &projection);
            rings_to_path(rings.iter().map(Vec::as_slice), SIMPLIFY_BACKGROUND)
        };
        // Every story country is drawn on its own; their neighbours and what lies within a pan
        // of the frame are in the world's one outline, with the background's precision.
        for code in ["BY", "MM", "CN", "RU", "KH"] {
            assert!(map.country(code).is_some(), "{code} is drawn");
        }
        for code in ["TH", "IN", "PL", "UA", "KZ"] {
            assert!(map.country(code).is_none() && map.world.contains(&outline(code)), "{code} is in the world");
        }
        // Central America and the far south lie beyond any pan of a frame on Eurasia.
        for code in ["MX", "NZ", "UY"] {
            assert!(!map.world.contains(&outline(code)), "{code} is left out");
        }
    }

    #[test]
    fn centroid_of_a_square_is_its_centre() {
        let square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)];
        assert_eq!(centroid(&square), (1.0, 1.0));
        assert_eq!(centroid(&[(1.0, 1.0), (1.0, 1.0)]), (1.0, 1.0));
    }
}
