//! The dataset file format: the public contract a newsroom writes its story in.
//!
//! These serde types *are* the format. `docs/DATASET.md` documents them field by field and
//! `docs/dataset.schema.json` is generated from them (`factlens schema`). Every struct rejects
//! unknown fields so that a typo in a newsroom's file is an error, not silently ignored data.

use serde::{Deserialize, Serialize};

use crate::words::{t, Word};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole story: what it is about, who and what is in it, how they relate, and the facts that
/// say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The format version; must be 1.
    pub version: u32,
    /// The story this dataset explains.
    pub story: Story,
    /// The people, countries, organisations, places, events and groups of the story.
    pub entities: Vec<Entity>,
    /// Typed links between entities, each supported by facts.
    pub relations: Vec<Relation>,
    /// Single statements, each quoting its source verbatim.
    pub facts: Vec<Fact>,
}

/// The story's headline, summary, language and the texts its facts quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The headline shown above the explorer.
    pub title: String,
    /// One or two plain sentences shown under the title.
    pub summary: String,
    /// BCP 47 language tag of the story's texts, e.g. `en`.
    pub language: String,
    /// The texts facts quote from; at least one.
    pub sources: Vec<Source>,
    /// Entity ids the story is mainly about. The map draws their countries as the main
    /// countries; without it, the two countries with the most facts are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// The relation kinds the story uses beyond the built-in ones ([`BuiltinKind`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relation_kinds: Vec<DeclaredKind>,
}

/// A relation kind a story declares: its own words for a link the built-in kinds do not name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeclaredKind {
    /// The word relations use in `kind`: lowercase snake_case (`offered_equipment_to`), not a
    /// built-in kind's.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")))]
    pub id: String,
    /// What readers see in legends, filters and edge labels ("offered equipment to").
    pub label: String,
    /// Whether the map draws it as an arc between the two entities' countries.
    #[serde(default)]
    pub map: KindMap,
}

/// How the map shows a relation kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KindMap {
    /// As an arc between the two entities' countries (like `visited`).
    Arc,
    /// Not at all: the relation is in the graph only.
    #[default]
    None,
}

/// One source text, shipped beside the dataset as a UTF-8 file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier facts use in their `source` field.
    pub id: String,
    /// Human title of the source, e.g. the article's headline or "The article".
    pub title: String,
    /// Path of the text file, relative to the dataset file; a plain file name or `dir/name`.
    pub file: String,
    /// Who published it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, as the source gives it ("11 December 2025"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where it can be read: an `https://` or `http://` address, shown as text and a link and
    /// never fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Something the story is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// A readable slug: lowercase ASCII letters, digits and single hyphens (`min-aung-hlaing`).
    pub id: String,
    /// What sort of thing it is.
    pub kind: EntityKind,
    /// The name readers see.
    pub name: String,
    /// Other names the story uses for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One plain sentence saying who or what it is, in the story's words where possible.
    pub description: String,
    /// Titles or roles, e.g. "President of Belarus".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// ISO 3166-1 alpha-2 code: required for countries, and for whatever belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where it is; for places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When it happened; for events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Names of this entity's fields whose values are reference data from outside the story
    /// (e.g. `location`, `country`), so readers can tell them from what the article says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference: Vec<ReferenceField>,
}

/// The kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A sovereign state.
    Country,
    /// A named individual.
    Person,
    /// A government, military, agency, company, bloc or NGO.
    Organization,
    /// A city or other located place.
    Place,
    /// Something that happened or is scheduled: a visit, an election, a coup.
    Event,
    /// An unnamed collective the story attributes claims to ("human rights advocates").
    Group,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Country,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Group,
    ];

    /// The word used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
            EntityKind::Group => "group",
        }
    }

    /// What readers call one of the kind ("person"), in the interface's language.
    pub fn label(self) -> &'static str {
        t(match self {
            EntityKind::Country => Word::KindCountry,
            EntityKind::Person => Word::KindPerson,
            EntityKind::Organization => Word::KindOrganization,
            EntityKind::Place => Word::KindPlace,
            EntityKind::Event => Word::KindEvent,
            EntityKind::Group => Word::KindGroup,
        })
    }

    /// The plural heading readers see ("People").
    pub fn plural_label(self) -> &'static str {
        t(match self {
            EntityKind::Country => Word::KindCountries,
            EntityKind::Person => Word::KindPeople,
            EntityKind::Organization => Word::KindOrganizations,
            EntityKind::Place => Word::KindPlaces,
            EntityKind::Event => Word::KindEvents,
            EntityKind::Group => Word::KindGroups,
        })
    }
}

/// Entity fields whose values may be reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceField {
    /// The ISO 3166-1 code.
    Country,
    /// The coordinates.
    Location,
}

/// A point on the globe, in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude in degrees, in [-90, 90].
    pub lat: f64,
    /// Longitude in degrees, in [-180, 180].
    pub lon: f64,
}

/// A typed link between two entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// A readable slug, unique among relations.
    pub id: String,
    /// The type of link: a built-in kind (the vocabulary in docs/DATASET.md) or one the story
    /// declares in `story.relation_kinds`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "relation_kind_schema"))]
    pub kind: String,
    /// Entity id the relation starts from (the subject).
    pub from: String,
    /// Entity id the relation points to (the object).
    pub to: String,
    /// Whether the relation reads one way (`visited`) or both ways (`ally_of`).
    pub directed: bool,
    /// A short human label, e.g. "visited in March 2023".
    pub label: String,
    /// When it held or happened, if the story says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Ids of the facts that support it; at least one.
    pub facts: Vec<String>,
}

macro_rules! relation_kinds {
    ($($variant:ident => $word:literal, $doc:literal;)*) => {
        /// The built-in relation kinds, which every story may use without declaring them. Each
        /// reads "`from` <kind> `to`".
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum BuiltinKind {
            $(#[doc = $doc] $variant,)*
        }

        impl BuiltinKind {
            /// Every kind, in vocabulary order.
            pub const ALL: &'static [BuiltinKind] = &[$(BuiltinKind::$variant,)*];

            /// The word used in the file format.
            pub fn as_str(self) -> &'static str {
                match self { $(BuiltinKind::$variant => $word,)* }
            }

            /// A short label readers see in legends and filters, in the interface's language.
            pub fn label(self) -> &'static str {
                t(Word::builtin_kind(self as usize))
            }

            /// What the kind means, as documented.
            pub fn description(self) -> &'static str {
                match self { $(BuiltinKind::$variant => $doc,)* }
            }

            /// The built-in kind a file-format word names.
            pub fn from_word(word: &str) -> Option<BuiltinKind> {
                BuiltinKind::ALL.iter().copied().find(|kind| kind.as_str() == word)
            }
        }
    };
}

relation_kinds! {
    AllyOf => "ally_of", "The two are allies (usually undirected).";
    Visited => "visited", "A person or delegation travelled to a country or place.";
    Hosted => "hosted", "A country, place or person received a visitor.";
    Welcomed => "welcomed", "A person or body ceremonially received someone.";
    MetWith => "met_with", "Two parties hold or held meetings.";
    SuppliedArmsTo => "supplied_arms_to", "Weapons, military equipment or military training went from one party to another.";
    Leads => "leads", "A person heads a country, government, military or organisation.";
    MemberOf => "member_of", "A person or country belongs to an organisation or group.";
    SeizedPowerIn => "seized_power_in", "A military or faction took power in a country.";
    Overthrew => "overthrew", "One party removed another from power.";
    Sanctioned => "sanctioned", "One party imposed sanctions on another.";
    CommittedObserversTo => "committed_observers_to", "A party promised election observers for an election.";
    Criticized => "criticized", "A party criticised another party or an event.";
    Documented => "documented", "A party documented or reported on something.";
    Covered => "covered", "Media reported on an event.";
    Legitimizes => "legitimizes", "Something is seen as lending legitimacy to something else.";
    CapitalOf => "capital_of", "A place is the capital of a country.";
    PartOf => "part_of", "A place, event or organisation belongs to a larger one.";
    Organizes => "organizes", "A party runs or stages an event.";
    DiplomaticTiesWith => "diplomatic_ties_with", "Two parties keep up diplomatic engagement.";
    ExpectedAgreementWith => "expected_agreement_with", "Two parties are expected to sign agreements or memorandums.";
}

/// A relation's `kind` in the JSON Schema: a built-in kind, each with what it means, or a
/// snake_case word the story declares.
#[cfg(feature = "schema")]
fn relation_kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let builtin: Vec<serde_json::Value> = BuiltinKind::ALL
        .iter()
        .map(|kind| serde_json::json!({ "const": kind.as_str(), "description": kind.description() }))
        .collect();
    schemars::json_schema!({
        "type": "string",
        "anyOf": [
            { "description": "A built-in kind.", "oneOf": builtin },
            { "description": "A kind the story declares in `story.relation_kinds`.", "pattern": r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$" }
        ]
    })
}

/// Broad families of relation kinds, for colouring and legends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationFamily {
    /// Visits, hosting, welcomes, meetings.
    Contact,
    /// Arms and military supply.
    Military,
    /// Alliances, ties and agreements.
    Alignment,
    /// Leadership, membership, power.
    Power,
    /// Criticism, sanctions, coverage, legitimacy.
    Scrutiny,
}

impl RelationFamily {
    pub const ALL: [RelationFamily; 5] = [
        RelationFamily::Contact,
        RelationFamily::Military,
        RelationFamily::Alignment,
        RelationFamily::Power,
        RelationFamily::Scrutiny,
    ];

    /// The word used in class names.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationFamily::Contact => "contact",
            RelationFamily::Military => "military",
            RelationFamily::Alignment => "alignment",
            RelationFamily::Power => "power",
            RelationFamily::Scrutiny => "scrutiny",
        }
    }

    /// The legend's label, in the interface's language.
    pub fn label(self) -> &'static str {
        t(Word::family(self as usize))
    }
}

impl BuiltinKind {
    /// Whether the map draws it: these kinds are flows between places.
    pub fn draws_arc(self) -> bool {
        use BuiltinKind::*;
        matches!(self, Visited | SuppliedArmsTo | AllyOf | Sanctioned | CommittedObserversTo)
    }

    /// The family a kind belongs to.
    pub fn family(self) -> RelationFamily {
        use BuiltinKind::*;
        match self {
            Visited | Hosted | Welcomed | MetWith => RelationFamily::Contact,
            SuppliedArmsTo => RelationFamily::Military,
            AllyOf | DiplomaticTiesWith | ExpectedAgreementWith => RelationFamily::Alignment,
            Leads | MemberOf | SeizedPowerIn | Overthrew | CapitalOf | PartOf | Organizes => RelationFamily::Power,
            Sanctioned | CommittedObserversTo | Criticized | Documented | Covered | Legitimizes => {
                RelationFamily::Scrutiny
            }
        }
    }
}

/// A single statement of the story, quoting its source word for word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// A readable slug, unique among facts.
    pub id: String,
    /// The fact as one plain sentence.
    pub statement: String,
    /// The supporting words, copied verbatim from the source text (curly quotes and dashes too).
    pub quote: String,
    /// Id of the source the quote comes from.
    pub source: String,
    /// Ids of the entities the fact is about; at least one.
    pub entities: Vec<String>,
    /// Entity id of whoever the source attributes the claim to, when it attributes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// What sort of statement this is.
    pub status: FactStatus,
    /// When it happened or holds, at the precision the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where the source is ambiguous or incomplete, what a careful reader should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Tells a reported fact from an attributed claim, a criticism, an expectation or a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FactStatus {
    /// Stated by the source in its own voice.
    Reported,
    /// A claim the source attributes to someone (`attribution` is required).
    Attributed,
    /// A criticism the source reports, usually attributed.
    Criticism,
    /// Something expected or scheduled to happen.
    Expectation,
    /// A promise someone made.
    Commitment,
}

impl FactStatus {
    /// What several statuses say together: reported when any of them is (one statement in the
    /// source's own voice is enough) or there are none; otherwise the first of the others, in
    /// [`FactStatus::ALL`] order, among them.
    pub fn together(statuses: impl IntoIterator<Item = FactStatus>) -> FactStatus {
        let mut found = [false; 5];
        for status in statuses {
            found[status as usize] = true;
        }
        // `ALL` starts with `Reported`, declared first.
        FactStatus::ALL.into_iter().find(|&s| found[s as usize]).unwrap_or(FactStatus::Reported)
    }

    /// Every status, in display order.
    pub const ALL: [FactStatus; 5] = [
        FactStatus::Reported,
        FactStatus::Attributed,
        FactStatus::Criticism,
        FactStatus::Expectation,
        FactStatus::Commitment,
    ];

    /// The word used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            FactStatus::Reported => "reported",
            FactStatus::Attributed => "attributed",
            FactStatus::Criticism => "criticism",
            FactStatus::Expectation => "expectation",
            FactStatus::Commitment => "commitment",
        }
    }

    /// The label readers see, in the interface's language.
    pub fn label(self) -> &'static str {
        t(match self {
            FactStatus::Reported => Word::StatusReported,
            FactStatus::Attributed => Word::StatusAttributed,
            FactStatus::Criticism => Word::StatusCriticism,
            FactStatus::Expectation => Word::StatusExpectation,
            FactStatus::Commitment => Word::StatusCommitment,
        })
    }
}

/// A date at the precision the source gives it, never more.
// Read by hand (below) rather than derived: serde's internally tagged enums buffer every
// member before choosing a variant, and that machinery was about 11 KB of the app's wasm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "precision", rename_all = "snake_case", deny_unknown_fields)]
pub enum Date {
    /// Only the year is known.
    Year {
        /// Calendar year, e.g. 2023.
        year: i32,
    },
    /// The year and month are known.
    Month {
        /// Calendar year.
        year: i32,
        /// Month, 1 to 12.
        month: u8,
    },
    /// The full calendar date is known.
    Day {
        /// Calendar year.
        year: i32,
        /// Month, 1 to 12.
        month: u8,
        /// Day of the month, valid for that month and year.
        day: u8,
    },
    /// Only a relative expression is given ("Thursday", "one month before the election").
    Relative {
        /// The words the source uses, verbatim.
        text: String,
        /// Entity id of the event the expression is relative to, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        anchor: Option<String>,
    },
}

impl Date {
    /// A human rendering at exactly the stored precision: "2023", "March 2023", "4 March 2023",
    /// or the relative words themselves (months in the interface's language).
    pub fn display(&self) -> String {
        let month_name = |m: u8| Word::month(m).map_or("?", t);
        match self {
            Date::Year { year } => year.to_string(),
            Date::Month { year, month } => format!("{} {year}", month_name(*month)),
            Date::Day { year, month, day: 1 } => format!("{} {} {year}", t(Word::FirstOfMonth), month_name(*month)),
            Date::Day { year, month, day } => format!("{day} {} {year}", month_name(*month)),
            Date::Relative { text, .. } => text.clone(),
        }
    }
}

/// A date's precision, read before the members it allows are checked.
#[derive(Clone, Copy, PartialEq)]
enum Precision {
    Year,
    Month,
    Day,
    Relative,
}

impl<'de> Deserialize<'de> for Precision {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;

        impl serde::de::Visitor<'_> for Name {
            type Value = Precision;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("variant identifier")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Precision, E> {
                match name {
                    "year" => Ok(Precision::Year),
                    "month" => Ok(Precision::Month),
                    "day" => Ok(Precision::Day),
                    "relative" => Ok(Precision::Relative),
                    _ => Err(E::unknown_variant(name, &["year", "month", "day", "relative"])),
                }
            }
        }

        deserializer.deserialize_str(Name)
    }
}

impl Precision {
    /// The members this precision takes, in the order error messages list them.
    fn members(self) -> &'static [&'static str] {
        match self {
            Precision::Year => &["year"],
            Precision::Month => &["year", "month"],
            Precision::Day => &["year", "month", "day"],
            Precision::Relative => &["text", "anchor"],
        }
    }
}

/// Reads a date as `#[serde(tag = "precision", deny_unknown_fields)]` would, with the same
/// messages: the members are read first, in any order, and then checked against the precision.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, IgnoredAny, MapAccess, Visitor};

        struct DateVisitor;

        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("internally tagged enum Date")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let (mut precision, mut text, mut anchor): (Option<Precision>, Option<String>, Option<String>) =
                    (None, None, None);
                let (mut year, mut month, mut day): (Option<i32>, Option<u8>, Option<u8>) = (None, None, None);
                // Members present, in order, and the first that no precision takes.
                let mut present: Vec<&'static str> = Vec::new();
                let mut stranger: Option<String> = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let name = match &*key {
                        "precision" => "precision",
                        "year" => "year",
                        "month" => "month",
                        "day" => "day",
                        "text" => "text",
                        "anchor" => "anchor",
                        _ => {
                            stranger.get_or_insert_with(|| key.into_owned());
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if present.contains(&name) {
                        return Err(Error::duplicate_field(name));
                    }
                    present.push(name);
                    match name {
                        "precision" => precision = Some(map.next_value()?),
                        "year" => year = Some(map.next_value()?),
                        "month" => month = Some(map.next_value()?),
                        "day" => day = Some(map.next_value()?),
                        "text" => text = Some(map.next_value()?),
                        _ => anchor = map.next_value()?,
                    }
                }
                let precision = precision.ok_or_else(|| Error::missing_field("precision"))?;
                let takes = precision.members();
                if let Some(name) = stranger
                    .as_deref()
                    .or(present.iter().copied().find(|name| *name != "precision" && !takes.contains(name)))
                {
                    return Err(Error::unknown_field(name, takes));
                }
                fn need<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
                    value.ok_or_else(|| E::missing_field(name))
                }
                Ok(match precision {
                    Precision::Year => Date::Year { year: need(year, "year")? },
                    Precision::Month => Date::Month { year: need(year, "year")?, month: need(month, "month")? },
                    Precision::Day => {
                        Date::Day { year: need(year, "year")?, month: need(month, "month")?, day: need(day, "day")? }
                    }
                    Precision::Relative => Date::Relative { text: need(text, "text")?, anchor },
                })
            }
        }

        deserializer.deserialize_map(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = include_str!("../../../docs/DATASET.md");

    #[test]
    fn the_format_doc_names_every_kind_and_status() {
        for kind in BuiltinKind::ALL {
            assert!(DOC.contains(&format!("| `{}` |", kind.as_str())), "DATASET.md documents {}", kind.as_str());
        }
        for kind in EntityKind::ALL {
            assert!(DOC.contains(&format!("| `{}` |", kind.as_str())), "DATASET.md documents {}", kind.as_str());
        }
        for status in FactStatus::ALL {
            assert!(DOC.contains(&format!("`{}`", status.as_str())), "DATASET.md documents {}", status.as_str());
        }
    }

    #[test]
    fn words_round_trip_through_serde() {
        for &kind in BuiltinKind::ALL {
            assert_eq!(BuiltinKind::from_word(kind.as_str()), Some(kind));
        }
        let map: KindMap = serde_json::from_str("\"arc\"").unwrap();
        assert_eq!(map, KindMap::Arc);
        for kind in EntityKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        for status in FactStatus::ALL {
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{}\"", status.as_str()));
        }
    }

    /// What `Date` was before it was read by hand: the hand-written reader must take and
    /// refuse exactly what this takes and refuses, with the same messages.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "precision", rename_all = "snake_case", deny_unknown_fields)]
    enum DerivedDate {
        Year { year: i32 },
        Month { year: i32, month: u8 },
        Day { year: i32, month: u8, day: u8 },
        Relative { text: String, anchor: Option<String> },
    }

    #[test]
    fn dates_are_read_as_the_derived_tagged_enum_reads_them() {
        let same = |date: &Date, derived: &DerivedDate| match (date, derived) {
            (Date::Year { year }, DerivedDate::Year { year: y }) => year == y,
            (Date::Month { year, month }, DerivedDate::Month { year: y, month: m }) => (year, month) == (y, m),
            (Date::Day { year, month, day }, DerivedDate::Day { year: y, month: m, day: d }) => {
                (year, month, day) == (y, m, d)
            }
            (Date::Relative { text, anchor }, DerivedDate::Relative { text: t, anchor: a }) => (text, anchor) == (t, a),
            _ => false,
        };
        let message = |err: serde_json::Error| {
            let text = err.to_string();
            text[..text.rfind(" at line").unwrap_or(text.len())].replace("DerivedDate", "Date")
        };
        let cases = [
            r#"{"precision": "year", "year": 2023}"#,
            r#"{"year": 2023, "precision": "year"}"#,
            r#"{"precision": "month", "year": 2023, "month": 3}"#,
            r#"{"month": 3, "precision": "day", "day": 4, "year": -44}"#,
            r#"{"precision": "relative", "text": "Thursday"}"#,
            r#"{"precision": "relative", "text": "Thursday", "anchor": "election"}"#,
            r#"{"precision": "relative", "text": "Thursday", "anchor": null}"#,
            r#"{"precision": "week", "year": 2023}"#,
            r#"{"precision": 3, "year": 2023}"#,
            r#"{"year": 2023}"#,
            r#"{}"#,
            r#"{"precision": "year"}"#,
            r#"{"precision": "day", "year": 2023, "month": 2}"#,
            r#"{"precision": "year", "year": 2023, "month": 3}"#,
            r#"{"precision": "day", "year": 2023, "month": 2, "day": 1, "weekday": "Monday"}"#,
            r#"{"weekday": "Monday", "precision": "relative", "text": "x"}"#,
            r#"{"precision": "relative", "text": "x", "year": 2023}"#,
            r#"{"precision": "year", "year": "2023"}"#,
            r#"{"precision": "month", "year": 2023, "month": 300}"#,
            r#"{"precision": "month", "year": 2023, "month": -1}"#,
            r#"{"precision": "year", "year": 2023.5}"#,
            r#"{"precision": "relative", "text": 7}"#,
            r#""2023""#,
            r#"null"#,
        ];
        for case in cases {
            match (serde_json::from_str::<Date>(case), serde_json::from_str::<DerivedDate>(case)) {
                (Ok(date), Ok(derived)) => assert!(same(&date, &derived), "{case}: {date:?} vs {derived:?}"),
                (Err(ours), Err(theirs)) => assert_eq!(message(ours), message(theirs), "{case}"),
                (ours, theirs) => panic!("{case}: {ours:?} vs {theirs:?}"),
            }
        }
        // The one difference: serde also took a date as an array (tag first), which the format
        // never allowed (its schema says object).
        for case in [r#"["year", 2023]"#, r#"[2023]"#] {
            let message = message(serde_json::from_str::<Date>(case).unwrap_err());
            assert_eq!(message, "invalid type: sequence, expected internally tagged enum Date");
        }
    }

    #[test]
    fn dates_display_at_their_precision_only() {
        let check = |date: Date, text: &str| assert_eq!(date.display(), text);
        check(Date::Year { year: 2022 }, "2022");
        check(Date::Month { year: 2023, month: 3 }, "March 2023");
        check(Date::Day { year: 2021, month: 2, day: 1 }, "1 February 2021");
        check(Date::Relative { text: "Thursday".into(), anchor: None }, "Thursday");
        check(Date::Month { year: 2023, month: 13 }, "? 2023");
    }
}
