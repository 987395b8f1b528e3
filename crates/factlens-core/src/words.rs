//! The words of the interface: every string the explorer shows or says that is not the
//! story's own text (buttons, headings, legends, labels, announcements, notices, errors), in
//! one catalogue with a column per language.
//!
//! A page does not carry the catalogue in its code: `factlens build` writes the words of the
//! story's language into the page (and the page in every other language beside it, for
//! `?lang=`), and the page puts them in use ([`use_words`]) before it renders; the loader
//! module carries the catalogue, for a raw dataset in another language. Natively (the CLI renders the page's
//! HTML, and the tests) English is in use until other words are. A word is a place in the list
//! ([`Word`]); `{}` in a word is filled in order ([`fill`]).
//!
//! A translation is a column of the table below: every row needs it, so no word can be missing.

use std::borrow::Cow;
use std::cell::Cell;

macro_rules! catalogue {
    ($($word:ident: $en:literal, $fr:literal;)*) => {
        /// A word of the interface: its place in every language's list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Word { $($word,)* }

        impl Word {
            /// Every word, in list order.
            pub const ALL: &'static [Word] = &[$(Word::$word,)*];
        }

        const EN: &[&str] = &[$($en,)*];
        const FR: &[&str] = &[$($fr,)*];
    };
}

/// How many words the app says: the first, all but the page's around the explorer (the last
/// rows, from [`Word::NoScript`]), which `factlens build` writes into each page's HTML once.
pub const APP_WORDS: usize = Word::NoScript as usize;

/// The languages the interface speaks, by BCP 47 primary language subtag, each with its words.
pub const LANGUAGES: [(&str, &[&str]); 2] = [("en", EN), ("fr", FR)];

/// The interface's language for a BCP 47 tag (`fr-CA` is `fr`): the catalogue's, if it speaks
/// it.
pub fn language(tag: &str) -> Option<(&'static str, &'static [&'static str])> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES.into_iter().find(|(code, _)| code.eq_ignore_ascii_case(primary))
}

thread_local! {
    /// The words in use. A page starts with none: its own come from its data.
    static IN_USE: Cell<&'static [&'static str]> = const { Cell::new(if cfg!(feature = "browser") { &[] } else { EN }) };
}

/// Puts `words` (a language's list, in [`Word`] order) in use.
pub fn use_words(words: &'static [&'static str]) {
    IN_USE.with(|in_use| in_use.set(words));
}

/// A word in the language in use (empty if the list in use lacks it).
pub fn t(word: Word) -> &'static str {
    IN_USE.with(|in_use| in_use.get().get(word as usize).copied().unwrap_or_default())
}

/// A word with each `{}` filled by the next of `values`. A value that could turn the text around
/// it (right-to-left letters, or direction controls a name may hold) is isolated, so it reads
/// in its own direction and the word's own text keeps its order, in attributes as in text.
pub fn fill(word: Word, values: &[&str]) -> String {
    let mut out = String::new();
    let mut values = values.iter();
    // A word's only braces are its blanks' (a test checks), so each `{` starts one.
    let mut pieces = t(word).split('{');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str(&isolated(values.next().copied().unwrap_or_default()));
        out.push_str(piece.get(1..).unwrap_or_default());
    }
    out
}

/// `text`, isolated from what is around it if it could turn that around: between FIRST STRONG
/// ISOLATE and POP DIRECTIONAL ISOLATE, which also ends any embedding or override left open
/// inside.
pub fn isolated(text: &str) -> Cow<'_, str> {
    if text.chars().any(turns_text) {
        let mut out = String::from('\u{2068}');
        out.push_str(text);
        out.push('\u{2069}');
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a character is written right to left, or is a direction control: what can reorder
/// the text around it.
fn turns_text(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' // Hebrew, Arabic, Syriac, Thaana, N'Ko and their supplements
        | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' // their presentation forms
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}' // historic right-to-left scripts
        | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// "1 fact", "16 facts": `one` for one (and for none, in a language that says "0 fait"), else
/// `many`, each with its `{}` for the number.
pub fn count(n: usize, one: Word, many: Word) -> String {
    let singular = n == 1 || (n == 0 && t(Word::ZeroCount) == "one");
    fill(if singular { one } else { many }, &[&n.to_string()])
}

/// Names as a list in words: "A", "A and B", "A, B and C".
pub fn list(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => {
            let mut first = String::new();
            for (i, name) in rest.iter().enumerate() {
                if i > 0 {
                    first.push_str(", ");
                }
                first.push_str(&isolated(name));
            }
            fill(Word::ListAnd, &[&first, last])
        }
    }
}

catalogue! {
    // The page and its header.
    SkipToExplorer: "Skip to the explorer", "Aller à l’explorateur";
    Kicker: "Fact explorer", "Explorateur de faits";
    Counts: "{} entities · {} relations · {} facts, each quoted from: {}", "{} entités · {} relations · {} faits, chacun tiré de\u{202F}: {}";
    LinkNamesNothing: "This link names something the story does not have (#{}), so that part of it is left out.", "Ce lien désigne quelque chose que le récit ne contient pas (#{})\u{202F}: cette partie est ignorée.";
    Loading: "Loading the story…", "Chargement du récit…";
    Views: "Views", "Vues";
    ViewMap: "Map", "Carte";
    ViewGraph: "Graph", "Graphe";
    ViewArticle: "Article", "Article";
    ViewTimeline: "Timeline", "Chronologie";
    OnlyYearShown: "Only {} is shown on the map, in the graph and in the article. ", "Seule l’année {} est affichée sur la carte, dans le graphe et dans l’article. ";
    ShowAllDates: "Show all dates", "Afficher toutes les dates";
    Source: "Source: ", "Source\u{202F}: ";
    MapCredit: "Map: {}, Equal Earth projection. ", "Carte\u{202F}: {}, projection Equal Earth. ";
    MadeWith: "Made with factlens.", "Réalisé avec factlens.";
    OneDataWarning: "{} data warning", "{} avertissement sur les données";
    ManyDataWarnings: "{} data warnings", "{} avertissements sur les données";
    MapUnavailable: "The map could not be drawn: {}.", "La carte n’a pas pu être dessinée\u{202F}: {}.";
    // Loading failures.
    LoadFailed: "The story could not be loaded", "Le récit n’a pas pu être chargé";
    FetchFailed: "Fetching {} failed: {}", "Le chargement de {} a échoué\u{202F}: {}";
    OneError: "The story’s data has {} error", "Les données du récit contiennent {} erreur";
    ManyErrors: "The story’s data has {} errors", "Les données du récit contiennent {} erreurs";
    FixThese: "Fix these in {} (run factlens validate to check it):", "Corrigez-les dans {} (vérifiez avec factlens validate)\u{202F}:";
    At: "at {}", "à {}";
    Error: "error", "erreur";
    Warning: "warning", "avertissement";
    ThisPage: "this page", "cette page";
    // Search.
    SearchTheStory: "Search the story", "Chercher dans le récit";
    SearchResults: "Search results", "Résultats";
    NoMatch: "No match for “{}”.", "Aucun résultat pour «\u{202F}{}\u{202F}».";
    // The map.
    WhereItHappens: "Where it happens", "Où cela se passe";
    MapHelp: "Tab to the map, then use the arrow keys to move between the story’s countries and Enter to select one. Plus and minus zoom.", "Atteignez la carte avec Tab, puis passez d’un pays du récit à l’autre avec les flèches et choisissez-en un avec Entrée. Plus et moins zooment.";
    WorldMap: "World map of the story’s countries", "Carte du monde des pays du récit";
    Legend: "Legend", "Légende";
    CountryFacts: "{}, {}", "{}, {}";
    OneFact: "{} fact", "{} fait";
    ManyFacts: "{} facts", "{} faits";
    OneRelation: "{} relation", "{} relation";
    ManyRelations: "{} relations", "{} relations";
    ArcLabel: "{} {} {}", "{} {} {}";
    ArcRelations: " ({} relations)", " ({} relations)";
    RolePrincipal: "Main countries", "Pays principaux";
    RoleAlly: "Allies", "Alliés";
    RoleMentioned: "Also mentioned", "Également cités";
    RoleOther: "Not in the story", "Absents du récit";
    ClaimsDashed: "dashed: a claim or criticism, as attributed", "tirets\u{202F}: une affirmation ou une critique, telle qu’attribuée";
    ClaimsDotted: "dotted: expected or promised", "pointillés\u{202F}: attendu ou promis";
    // Zooming.
    Zoom: "zoom", "zoom";
    ZoomIn: "Zoom in", "Zoomer";
    ZoomOut: "Zoom out", "Dézoomer";
    ResetZoom: "Reset zoom", "Réinitialiser le zoom";
    GraphZoom: "graph zoom", "zoom du graphe";
    GraphZoomIn: "Zoom graph in", "Zoomer dans le graphe";
    GraphZoomOut: "Zoom graph out", "Dézoomer le graphe";
    GraphResetZoom: "Reset graph zoom", "Réinitialiser le zoom du graphe";
    Reset: "Reset", "Réinitialiser";
    // The graph.
    WhoIsTied: "Who is tied to whom", "Qui est lié à qui";
    GraphHelp: "Tab into the graph, then use the arrow keys to move along relations to neighbouring entities, Enter to select, Escape to clear. Drag a node to pin it; double-click to release it.", "Atteignez le graphe avec Tab, puis suivez les relations vers les entités voisines avec les flèches\u{202F}; Entrée choisit, Échap efface. Faites glisser un nœud pour l’épingler\u{202F}; double-cliquez pour le libérer.";
    RelationshipGraph: "Relationship graph", "Graphe des relations";
    GraphLegend: "Graph legend", "Légende du graphe";
    ShowEntityKinds: "Show entity kinds", "Afficher les types d’entités";
    ShowRelationKinds: "Show relation kinds", "Afficher les types de relations";
    RelationKindsShown: "Relation kinds ({} of {} shown)", "Types de relations ({} sur {} affichés)";
    NodeLabel: "{}, {}, {}", "{}, {}, {}";
    NodeFocus: "{}, {}, {}. Arrow keys move to a neighbour; Enter selects.", "{}, {}, {}. Les flèches mènent à un voisin\u{202F}; Entrée choisit.";
    // The details.
    Details: "Details", "Détails";
    ShowLess: "Show less", "Afficher moins";
    ShowMore: "Show more", "Afficher plus";
    ClearSelection: "Clear selection", "Effacer la sélection";
    DetailsEmpty: "Select a person, country, organisation or event, or a marked passage of the story, to see every fact about it, quoted from the article.", "Choisissez une personne, un pays, une organisation, un événement ou un passage surligné du récit pour voir tous les faits qui s’y rapportent, cités de l’article.";
    ReferenceData: " reference data", " donnée de référence";
    ReferenceDataTitle: "Reference data, not from the article", "Donnée de référence, absente de l’article";
    Also: "Also: {}", "Aussi\u{202F}: {}";
    Country: "Country", "Pays";
    Location: "Location", "Position";
    When: "When", "Date";
    RelationsHeading: "Relations ({})", "Relations ({})";
    FactsHeading: "Facts ({})", "Faits ({})";
    InTheStory: "In the story ({})", "Dans le récit ({})";
    AboutHeading: "About ({})", "Concerne ({})";
    SupportsHeading: "Supports ({})", "Étaye ({})";
    NotInStory: "Not part of this story.", "Ne fait pas partie de ce récit.";
    Fact: "fact", "fait";
    FactSaid: "Fact: {}", "Fait\u{202F}: {}";
    EntitySaid: "{}, {}, {}", "{}, {}, {}";
    RelationSaid: "{} {} {}, {}", "{} {} {}, {}";
    // A fact.
    AccordingTo: "According to {}", "Selon {}";
    Paragraph: "paragraph {}", "paragraphe {}";
    Note: "Note: ", "Remarque\u{202F}: ";
    StatusReported: "Reported", "Rapporté";
    StatusAttributed: "Attributed claim", "Affirmation attribuée";
    StatusCriticism: "Criticism", "Critique";
    StatusExpectation: "Expectation", "Prévision";
    StatusCommitment: "Commitment", "Engagement";
    // A relation's standing.
    AClaim: "a claim", "une affirmation";
    ACriticism: "a criticism", "une critique";
    AnExpectation: "an expectation", "une prévision";
    ACommitment: "a commitment", "un engagement";
    StandingAccordingTo: "{}, according to {}", "{}, selon {}";
    ListAnd: "{} and {}", "{} et {}";
    // The article.
    ReadTheStory: "Read the story", "Lire le récit";
    ArticleHelp: "Every marked passage is a fact; pick one to see it, and what it is about, in the other views.", "Chaque passage surligné est un fait\u{202F}; choisissez-en un pour le voir, avec ce qu’il concerne, dans les autres vues.";
    // The timeline.
    NothingDated: "Nothing in this story is dated.", "Rien n’est daté dans ce récit.";
    TimelineHelp: "Each dated fact and event, as precisely as the article dates it: a year is a long bar, a month a short one, a day a point. Dates in the article's own words keep them. Pick a year to show only what happened in it, on the map, in the graph and in the article.", "Chaque fait et événement daté, aussi précisément que l’article le date\u{202F}: une année est une longue barre, un mois une courte, un jour un point. Les dates données en toutes lettres gardent les mots de l’article. Choisissez une année pour n’afficher que ce qui s’y est passé, sur la carte, dans le graphe et dans l’article.";
    ShowOneYear: "Show one year", "Afficher une année";
    AllDates: "All dates", "Toutes les dates";
    RelativeTo: "“{}”, relative to {}", "«\u{202F}{}\u{202F}», par rapport à {}";
    Quoted: "“{}”", "«\u{202F}{}\u{202F}»";
    NotOnCalendar: "not on the calendar", "hors calendrier";
    YearShown: "{}: facts shown: {}; relations shown: {}; on the map, in the graph and in the article.", "{}\u{202F}: faits affichés\u{202F}: {}\u{202F}; relations affichées\u{202F}: {}\u{202F}; sur la carte, dans le graphe et dans l’article.";
    AllDatesShown: "All dates shown.", "Toutes les dates sont affichées.";
    // The list of entities.
    EntitiesNav: "People, places and organisations in the story", "Personnes, lieux et organisations du récit";
    ShowNextMore: "Show {} more ({} not listed)", "Afficher {} de plus ({} non listés)";
    // Entity kinds, one and many.
    KindCountry: "country", "pays";
    KindPerson: "person", "personne";
    KindOrganization: "organisation", "organisation";
    KindPlace: "place", "lieu";
    KindEvent: "event", "événement";
    KindGroup: "group", "groupe";
    KindCountries: "Countries", "Pays";
    KindPeople: "People", "Personnes";
    KindOrganizations: "Organisations", "Organisations";
    KindPlaces: "Places", "Lieux";
    KindEvents: "Events", "Événements";
    KindGroups: "Groups", "Groupes";
    Facts: "Facts", "Faits";
    // Relation families (legends) and the built-in relation kinds, in vocabulary order.
    FamilyContact: "visits and meetings", "visites et rencontres";
    FamilyMilitary: "arms and military aid", "armes et aide militaire";
    FamilyAlignment: "alliances and agreements", "alliances et accords";
    FamilyPower: "power and membership", "pouvoir et appartenance";
    FamilyScrutiny: "criticism, sanctions, coverage", "critiques, sanctions, couverture";
    AllyOf: "ally of", "allié de";
    Visited: "visited", "a visité";
    Hosted: "hosted", "a accueilli";
    Welcomed: "welcomed", "a reçu";
    MetWith: "met with", "a rencontré";
    SuppliedArmsTo: "supplied arms to", "a fourni des armes à";
    Leads: "leads", "dirige";
    MemberOf: "member of", "membre de";
    SeizedPowerIn: "seized power in", "a pris le pouvoir dans";
    Overthrew: "overthrew", "a renversé";
    Sanctioned: "sanctioned", "a sanctionné";
    CommittedObserversTo: "committed observers to", "a promis des observateurs à";
    Criticized: "criticized", "a critiqué";
    Documented: "documented", "a documenté";
    Covered: "covered", "a couvert";
    Legitimizes: "lends legitimacy to", "donne de la légitimité à";
    CapitalOf: "capital of", "capitale de";
    PartOf: "part of", "fait partie de";
    Organizes: "organizes", "organise";
    DiplomaticTiesWith: "diplomatic ties with", "liens diplomatiques avec";
    ExpectedAgreementWith: "expected to sign agreements with", "doit signer des accords avec";
    // Counts and dates: the form a count of none takes ("0 facts", "0 fait"), and the first of a
    // month.
    ZeroCount: "many", "one";
    FirstOfMonth: "1", "1er";
    January: "January", "janvier";
    February: "February", "février";
    March: "March", "mars";
    April: "April", "avril";
    May: "May", "mai";
    June: "June", "juin";
    July: "July", "juillet";
    August: "August", "août";
    September: "September", "septembre";
    October: "October", "octobre";
    November: "November", "novembre";
    December: "December", "décembre";
    // The page around the explorer, written into its HTML by `factlens build` (and by its start
    // script), never by the app: from here on, no word is the app's (`APP_WORDS`).
    NoScript: "The map and the graph need JavaScript and WebAssembly; the story and its facts are below.", "La carte et le graphe nécessitent JavaScript et WebAssembly\u{202F}; le récit et ses faits figurent ci-dessous.";
    SaveOneFile: "Save this story as one file to read offline", "Enregistrer ce récit en un seul fichier pour le lire hors ligne";
    Data: "Data: ", "Données\u{202F}: ";
    DataJson: "the dataset (JSON)", "le jeu de données (JSON)";
    DataTables: "; as tables (CSV): ", "\u{202F}; en tableaux (CSV)\u{202F}: ";
    TableEntities: "entities", "entités";
    TableRelations: "relations", "relations";
    TableFacts: "facts", "faits";
    NeedsServer: "The map and the graph need a web server: opened as a file, this page's scripts are refused (standalone.html, beside it, works as a file).", "La carte et le graphe nécessitent un serveur web\u{202F}: ouverte comme fichier, cette page voit ses scripts refusés (standalone.html, à côté, fonctionne comme fichier).";
    NeedsWasm: "The map and the graph need WebAssembly, which this browser lacks.", "La carte et le graphe nécessitent WebAssembly, absent de ce navigateur.";
    CouldNotStart: "The map and the graph could not start ({}).", "La carte et le graphe n’ont pas pu démarrer ({}).";
    StoryBelow: " The story and its facts are below.", " Le récit et ses faits figurent ci-dessous.";
    OpenFullExplorer: "Open the full explorer ↗", "Ouvrir l’explorateur complet ↗";
    NoLanguage: "This page has no interface in “{}”.", "Cette page n’a pas d’interface en «\u{202F}{}\u{202F}».";
}

impl Word {
    /// The word of a built-in relation kind, by place in `BuiltinKind::ALL`.
    pub fn builtin_kind(place: usize) -> Word {
        Word::in_run(Word::AllyOf, Word::ExpectedAgreementWith, place).unwrap_or(Word::AllyOf)
    }

    /// The word of a built-in relation family, by place in `RelationFamily::ALL`.
    pub fn family(place: usize) -> Word {
        Word::in_run(Word::FamilyContact, Word::FamilyScrutiny, place).unwrap_or(Word::FamilyContact)
    }

    /// The name of a month, 1 to 12.
    pub fn month(month: u8) -> Option<Word> {
        Word::in_run(Word::January, Word::December, usize::from(month).checked_sub(1)?)
    }

    /// The word at `place` in the run of rows from `first` to `last`, if the run is that long.
    fn in_run(first: Word, last: Word, place: usize) -> Option<Word> {
        (place <= last as usize - first as usize).then(|| Word::ALL[first as usize + place])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BuiltinKind, RelationFamily};

    #[test]
    fn every_language_has_every_word_with_the_same_blanks() {
        for (code, words) in LANGUAGES {
            assert_eq!(words.len(), Word::ALL.len(), "{code}");
            for (word, (en, text)) in Word::ALL.iter().zip(EN.iter().zip(words)) {
                assert!(!text.trim().is_empty(), "{code}: {word:?} is empty");
                assert_eq!(
                    en.matches("{}").count(),
                    text.matches("{}").count(),
                    "{code}: {word:?} fills as many blanks"
                );
                let blanks = text.matches("{}").count();
                assert!(text.matches(['{', '}']).count() == 2 * blanks, "{code}: {word:?} has a brace of its own");
            }
        }
    }

    #[test]
    fn runs_of_words_follow_their_lists() {
        // Each run names its list's members in their order (a word is named after its member),
        // and a place beyond the list reads no other run's word.
        for (place, kind) in BuiltinKind::ALL.iter().enumerate() {
            assert_eq!(format!("{:?}", Word::builtin_kind(place)), format!("{kind:?}"));
        }
        assert_eq!(Word::builtin_kind(BuiltinKind::ALL.len()), Word::AllyOf);
        for (place, family) in RelationFamily::ALL.iter().enumerate() {
            assert_eq!(format!("{:?}", Word::family(place)), format!("Family{family:?}"));
        }
        assert_eq!(Word::family(RelationFamily::ALL.len()), Word::FamilyContact);
        let months = ["January", "February", "March", "April", "May", "June", "July"];
        let months = months.into_iter().chain(["August", "September", "October", "November", "December"]);
        for (month, name) in (1..=12).zip(months) {
            assert_eq!(Word::month(month).map(t), Some(name));
        }
        assert_eq!((Word::month(0), Word::month(13)), (None, None));
        assert_eq!(BuiltinKind::ExpectedAgreementWith.label(), "expected to sign agreements with");
    }

    #[test]
    fn words_fill_and_count_in_the_language_in_use() {
        assert_eq!(fill(Word::RelationsHeading, &["3"]), "Relations (3)");
        assert_eq!(count(1, Word::OneFact, Word::ManyFacts), "1 fact");
        assert_eq!(count(16, Word::OneFact, Word::ManyFacts), "16 facts");
        assert_eq!(count(0, Word::OneFact, Word::ManyFacts), "0 facts");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(language("fr-CA").map(|(code, _)| code), Some("fr"));
        assert_eq!(language("de"), None);
        // A right-to-left name, or one with an override left open, is isolated; others are not.
        assert_eq!(fill(Word::EntitySaid, &["Minsk", "city", "1 fact"]), "Minsk, city, 1 fact");
        assert_eq!(fill(Word::ListAnd, &["\u{202E}evil", "B"]), "\u{2068}\u{202E}evil\u{2069} and B");
        assert_eq!(fill(Word::FactSaid, &["مينسك"]), "Fact: \u{2068}مينسك\u{2069}");
        assert_eq!(list(&["\u{202E}a", "b", "c"]), "\u{2068}\u{2068}\u{202E}a\u{2069}, b\u{2069} and c");
        use_words(FR);
        assert_eq!(list(&["A", "B"]), "A et B");
        assert_eq!(fill(Word::NoMatch, &["x"]), "Aucun résultat pour «\u{202F}x\u{202F}».");
        assert_eq!(count(0, Word::OneFact, Word::ManyFacts), "0 fait");
        assert_eq!(count(2, Word::OneFact, Word::ManyFacts), "2 faits");
        use_words(EN);
    }
}
