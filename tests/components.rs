//! Component tests: render natively with Yew's `LocalServerRenderer` and assert on the HTML.
//! They use the real bundled dataset, so they also catch a dataset the UI cannot show.

use std::collections::BTreeMap;
use std::rc::Rc;

use factlens::components::app::{App, AppProps};
use factlens::components::graph_view::{GraphView, GraphViewProps};
use factlens::components::world_map::{WorldMap, WorldMapProps};
use factlens::state::{AppState, Load, LoadFailure, Loaded, MapStatus, Neighbourhood, Place, Selection, View};
use factlens_core::graph::GraphModel;
use factlens_core::map::{CountryRole, MapModel};
use factlens_core::world::World;
use factlens_core::{Dataset, Story};
use yew::{BaseComponent, Callback, LocalServerRenderer};

fn story() -> Loaded<Story> {
    let text = include_str!("../data/belarus-myanmar.json");
    let article = include_str!("../data/belarus-myanmar-article.txt");
    let dataset: Dataset = factlens_core::parse(text).expect("the bundled dataset parses");
    Loaded::new(Story::new(dataset, BTreeMap::from([("article".to_owned(), article.to_owned())])))
}

async fn render<C: BaseComponent>(props: C::Properties) -> String {
    let local = tokio::task::LocalSet::new();
    local.run_until(LocalServerRenderer::<C>::with_props(props).hydratable(false).render()).await
}

/// The bundled story as `factlens build` compiles it.
fn compile() -> factlens_core::compiled::CompiledStory {
    let article = include_str!("../data/belarus-myanmar-article.txt").to_owned();
    let sources = BTreeMap::from([("article".to_owned(), Ok(article))]);
    factlens_core::compiled::compile(include_str!("../data/belarus-myanmar.json"), &sources, Err("no map".into()))
        .expect("the bundled story compiles")
}

fn map_model(story: &Story) -> Loaded<MapModel> {
    let world = World::from_json(include_str!("../data/world.json")).expect("the shipped geometry decodes");
    Loaded::new(MapModel::new(story, &world))
}

/// The app with `story` loaded and `selection` picked.
fn app_with(story: Story, selection: Option<Selection>) -> AppProps {
    app_at(story, Place { selection, ..Place::default() })
}

/// The app with `story` loaded, at `place`.
fn app_at(story: Story, place: Place) -> AppProps {
    let load = Load::Ready {
        map: MapStatus::Ready(map_model(&story)),
        graph: Loaded::new(GraphModel::new(&story)),
        story: Loaded::new(story),
        warnings: Rc::default(),
        settled: compile().layout.map(Loaded::new),
    };
    AppProps { initial: Some(AppState { load, place, missing: None }) }
}

/// The app with the bundled story loaded and `selection` picked.
fn app(selection: Option<Selection>) -> AppProps {
    app_with((*story()).clone(), selection)
}

/// The details panel's part of a page.
fn details_of(html: &str) -> &str {
    let start = html.find("data-testid=\"details\"").unwrap();
    &html[start..start + html[start..].find("data-testid=\"announcement\"").unwrap()]
}

/// Yew escapes text; tests compare against the escaped form of dataset strings.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[tokio::test(flavor = "current_thread")]
async fn explorer_lists_every_entity_once_under_its_kind() {
    let story = story();
    let page = render::<App>(app(None)).await;
    let start = page.find("data-testid=\"entities\"").unwrap();
    let html = &page[start..start + page[start..].find("</nav>").unwrap()];
    for entity in &story.dataset.entities {
        let hook = format!("data-entity=\"{}\"", entity.id);
        assert_eq!(html.matches(&hook).count(), 1, "{} appears once", entity.id);
        assert!(html.contains(&escaped(&entity.name)), "{} shows its name", entity.id);
        let section_start = html[..html.find(&hook).unwrap()].rfind("data-kind=\"").unwrap();
        let kind = &html[section_start + 11..][..entity.kind.as_str().len()];
        assert_eq!(kind, entity.kind.as_str(), "{} is under its kind", entity.id);
    }
    assert!(page.contains(&escaped(&story.dataset.story.title)));
    assert!(page.contains("data-testid=\"details\""));
}

#[tokio::test(flavor = "current_thread")]
async fn selecting_an_entity_shows_its_facts_with_quotes_marked_in_context() {
    let story = story();
    let page = render::<App>(app(Some(Selection::Entity("alexander-lukashenko".into())))).await;
    let html = details_of(&page);
    assert!(html.contains("data-selected-entity=\"alexander-lukashenko\""));
    let facts: Vec<_> = story.facts_of("alexander-lukashenko").collect();
    assert!(!facts.is_empty());
    for fact in facts {
        assert!(html.contains(&format!("data-fact=\"{}\"", fact.id)), "{} is listed", fact.id);
        assert!(html.contains(&format!("<mark>{}</mark>", escaped(&fact.quote))), "{} quote is marked", fact.id);
    }
    assert!(page.contains("aria-pressed=\"true\""));
}

#[tokio::test(flavor = "current_thread")]
async fn selecting_a_relation_shows_its_endpoints_and_facts() {
    let story = story();
    let relation = &story.dataset.relations[0];
    let html = render::<App>(app(Some(Selection::Relation(relation.id.clone())))).await;
    assert!(html.contains(&format!("data-selected-relation=\"{}\"", relation.id)));
    for id in &relation.facts {
        assert!(html.contains(&format!("data-fact=\"{id}\"")));
    }
    assert!(html.contains(&escaped(story.kind_label(relation))));
}

#[tokio::test(flavor = "current_thread")]
async fn dataset_strings_are_text_never_markup() {
    let mut story = (*story()).clone();
    story.dataset.entities[0].name = "<img src=x onerror=alert(1)>".into();
    let html = render::<App>(app_with(story, None)).await;
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test(flavor = "current_thread")]
async fn names_keep_their_own_direction_and_cannot_turn_the_interface_around() {
    // A right-to-left name, and one that opens a right-to-left override and never closes it.
    let mut story = (*story()).clone();
    let (hebrew, override_left_open) = ("אלכסנדר לוקשנקו", "\u{202E}Belarus");
    let at = |id: &str| story.dataset.entities.iter().position(|e| e.id == id).unwrap();
    let (lukashenko, belarus) = (at("alexander-lukashenko"), at("belarus"));
    story.dataset.entities[lukashenko].name = hebrew.into();
    story.dataset.entities[belarus].name = override_left_open.into();
    let html = render::<App>(app_with(story, Some(Selection::Entity("alexander-lukashenko".into())))).await;
    for name in [hebrew, override_left_open] {
        let mut seen = 0;
        for (at, _) in html.match_indices(name) {
            seen += 1;
            // In text, its element is isolated and takes the name's direction (`<bdi>` or
            // `dir="auto"`); in words made for an attribute or an announcement, it sits between
            // FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
            let before = &html[..at];
            let tag = &before[before.rfind('<').unwrap()..];
            let in_text = tag.ends_with('>') && (tag.starts_with("<bdi") || tag.contains("dir=\"auto\""));
            let isolated = before.ends_with('\u{2068}') && html[at + name.len()..].starts_with('\u{2069}');
            assert!(
                in_text || isolated,
                "{name:?} is not isolated in …{}",
                &html[at.saturating_sub(120)..at + name.len() + 20]
            );
        }
        assert!(seen > 3, "{name:?} is shown ({seen} times)");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn error_panel_lists_every_problem_with_its_place() {
    let text = "{\n  \"version\": 2,\n  \"story\": 1\n}";
    let problems = factlens_core::parse(text).unwrap_err();
    assert!(problems.len() >= 2);
    let reports = problems.iter().map(factlens_core::compiled::Report::from).collect();
    let failure = LoadFailure::Invalid { url: "data/x.json".into(), problems: reports };
    let failed = AppState { load: Load::Failed(Rc::new(failure)), ..AppState::default() };
    let html = render::<App>(AppProps { initial: Some(failed) }).await;
    assert!(html.contains("data-testid=\"error\""));
    for problem in &problems {
        let place = format!("data/x.json:{}:{}", problem.position.line, problem.position.column);
        assert!(html.contains(&place), "{place} shown");
        assert!(html.contains(&escaped(&problem.message())));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn app_shows_loading_then_whatever_state_it_is_given() {
    let html = render::<App>(AppProps::default()).await;
    assert!(html.contains("data-testid=\"loading\""));
    let failed = AppState {
        load: Load::Failed(Rc::new(LoadFailure::Fetch { url: "data/x.json".into(), reason: "404".into() })),
        ..AppState::default()
    };
    let html = render::<App>(AppProps { initial: Some(failed) }).await;
    assert!(html.contains("data-testid=\"error\"") && html.contains("data/x.json"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_map_draws_every_country_with_its_code_and_role() {
    let story = story();
    let map = map_model(&story);
    let near = Neighbourhood::of(&story, Some(&map), &Selection::Country("BY".into()));
    let props = WorldMapProps {
        map: map.clone(),
        story: story.clone(),
        near: Rc::new(Some(near)),
        within: Rc::new(None),
        on_select: Callback::noop(),
    };
    let html = render::<WorldMap>(props).await;
    for country in &map.countries {
        if let Some(code) = &country.code {
            let hook = format!("data-country=\"{code}\"");
            assert_eq!(html.matches(&hook).count(), 1, "{code} drawn once");
        }
    }
    for code in ["BY", "MM", "CN", "RU", "KH"] {
        let role = map.country(code).unwrap().role;
        assert_ne!(role, CountryRole::Other);
        let at = html.find(&format!("data-country=\"{code}\"")).unwrap();
        let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
        assert!(tag.contains(&format!("data-role=\"{}\"", role.as_str())), "{code}: {tag}");
        assert!(html.contains(&format!("data-hit=\"{code}\"")), "{code} has a hit target");
    }
    assert_eq!(
        html.matches("tabindex=\"0\"").count(),
        1 + map.arcs.len(),
        "the countries are one tab stop; each arc is one"
    );
    let at = html.find("data-country=\"BY\"").unwrap();
    let by = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
    assert!(by.contains("data-selected"), "the picked country carries data-selected: {by}");
    assert_eq!(html.matches("data-selected").count(), 1, "only Belarus is picked");
    for arc in &map.arcs {
        assert!(html.contains(&format!("data-arc=\"{}-{}-{}\"", arc.from, arc.to, story.kinds.get(arc.kind).id)));
    }
    assert!(html.contains("data-place=\"naypyitaw\""));
    // The rest of the world is one outline, with nothing to pick.
    let at = html.find("fl-map__world").unwrap();
    let world = &html[html[..at].rfind('<').unwrap()..at];
    assert!(world.starts_with("<path d=\"M") && world.len() > 10_000, "{}", &world[..60]);
    assert_eq!(html.matches("data-country=").count(), map.countries.len());
}

#[tokio::test(flavor = "current_thread")]
async fn selecting_a_country_lists_its_people_and_facts() {
    let story = story();
    let html = render::<App>(app(Some(Selection::Country("BY".into())))).await;
    assert!(html.contains("data-selected-country=\"BY\""));
    let details = details_of(&html);
    assert!(details.contains("data-entity=\"alexander-lukashenko\""));
    assert!(details.contains("data-entity=\"belarus\""));
    for fact in story.facts_of_country("BY") {
        assert!(details.contains(&format!("data-fact=\"{}\"", fact.id)));
    }
    let credits = &html[html.find("fl-credits").unwrap()..];
    assert!(credits.contains("Natural Earth") && credits.contains("Made with factlens"), "the page credits its map");
    let elsewhere = render::<App>(app(Some(Selection::Country("FR".into())))).await;
    assert!(elsewhere.contains("Not part of this story"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_graph_has_a_node_per_entity_and_an_edge_per_relation_and_dims_around_a_selection() {
    let story = story();
    let graph = Loaded::new(GraphModel::new(&story));
    // As published: laid out when the story was compiled.
    let settled = compile().layout.map(Loaded::new);
    let props = GraphViewProps {
        settled,
        graph: graph.clone(),
        story: story.clone(),
        near: Rc::new(Some(Neighbourhood::of(&story, None, &Selection::Entity("alexander-lukashenko".into())))),
        within: Rc::new(None),
        hidden_entities: Default::default(),
        hidden_relations: Default::default(),
        on_filter: Callback::noop(),
        on_select: Callback::noop(),
    };
    let html = render::<GraphView>(props).await;
    let graph_html = &html[html.find("data-testid=\"graph\"").unwrap()..];
    for relation in &story.dataset.relations {
        assert!(graph_html.contains(&format!("data-relation=\"{}\"", relation.id)), "edge {}", relation.id);
        for id in [&relation.from, &relation.to] {
            assert!(graph_html.contains(&format!("data-entity=\"{id}\"")), "node {id}");
        }
    }
    assert!(graph_html.contains("data-settled=\"true\""), "a small graph is settled before its first paint");
    assert_eq!(graph_html.matches("tabindex=\"0\"").count(), 1, "the graph is one tab stop");
    // Lukashenko's neighbours stay bright; an entity he has no relation with is dimmed.
    let node_tag = |id: &str| {
        let at = graph_html.find(&format!("data-entity=\"{id}\"")).unwrap();
        let start = graph_html[..at].rfind('<').unwrap();
        &graph_html[start..at + graph_html[at..].find('>').unwrap()]
    };
    assert!(node_tag("alexander-lukashenko").contains("data-selected"));
    assert!(!node_tag("myanmar").contains("fl-dim"));
    let lukashenko = story.entity_index("alexander-lukashenko").unwrap();
    let stranger =
        (0..graph.nodes.len()).find(|&i| i != lukashenko && !graph.neighbours(lukashenko).contains(&i)).unwrap();
    assert!(node_tag(&graph.nodes[stranger].entity_id).contains("fl-dim"));
    for kind in ["person", "country", "organization"] {
        assert!(graph_html.contains(&format!("data-filter-entity=\"{kind}\"")), "filter chip for {kind}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_article_marks_every_fact_where_it_stands_and_names_it_by_its_statement() {
    let story = story();
    let page = render::<App>(app(Some(Selection::Entity("belarus".into())))).await;
    let start = page.find("data-testid=\"article\"").unwrap();
    let article = &page[start..start + page[start..].find("</section>").unwrap()];
    for fact in &story.dataset.facts {
        let hook = format!("data-fact=\"{}\"", fact.id);
        assert!(article.contains(&hook), "{} is marked", fact.id);
        assert!(article.contains(&format!("title=\"{}\"", escaped(&fact.statement))), "{} is named", fact.id);
    }
    // Belarus's facts are marked strongly; a fact not about it is not.
    let picked = |id: &str| {
        let at = article.find(&format!("data-fact=\"{id}\"")).unwrap();
        article[at..at + article[at..].find('>').unwrap()].contains("fl-mark--picked")
    };
    let belarus: Vec<_> = story.facts_of("belarus").map(|f| f.id.clone()).collect();
    assert!(belarus.iter().all(|id| picked(id)));
    let other = story
        .dataset
        .facts
        .iter()
        .find(|f| !belarus.contains(&f.id) && !f.entities.iter().any(|e| e == "belarus"))
        .unwrap();
    assert!(!picked(&other.id), "{} is not Belarus's", other.id);
}

#[tokio::test(flavor = "current_thread")]
async fn the_timeline_rows_every_dated_fact_keeps_words_and_a_year_narrows_arcs_and_marks() {
    let story = story();
    let html = render::<App>(app(None)).await;
    let timeline = &html[html.find("data-testid=\"timeline\"").unwrap()..];
    for fact in story.dataset.facts.iter().filter(|f| f.date.is_some()) {
        assert!(timeline.contains(&format!("data-timeline-item=\"{}\"", fact.id)), "{}", fact.id);
    }
    assert!(timeline.contains("“Thursday”"), "a relative date keeps its words");
    assert!(timeline.contains("fl-timeline__span--month") && timeline.contains("fl-timeline__span--year"));
    // Arcs drawn: those not hidden.
    let arcs = |html: &str| {
        html.split("<path")
            .filter(|tag| {
                tag.split('>').next().is_some_and(|tag| tag.contains("data-arc=") && !tag.contains(" hidden"))
            })
            .count()
    };
    let marked = |html: &str, id: &str| html.contains(&format!("data-fact=\"{id}\""));
    assert!(
        marked(&html, "lukashenko-arrived-in-naypyitaw") && marked(&html, "lukashenko-committed-election-observers")
    );

    let in_2023 = Place { year: Some(2023), view: View::Timeline, ..Place::default() };
    let narrowed = render::<App>(app_at((*story).clone(), in_2023)).await;
    assert!(arcs(&narrowed) > 0 && arcs(&narrowed) < arcs(&html), "{} of {} arcs", arcs(&narrowed), arcs(&html));
    assert!(narrowed.contains("data-arc=\"MM-BY-visited\""), "the visits to Belarus in 2023 stay");
    assert!(marked(&narrowed, "lukashenko-committed-election-observers"), "dated March 2023: marked");
    assert!(!marked(&narrowed, "lukashenko-arrived-in-naypyitaw"), "dated only “Thursday”: not in 2023");
    assert!(narrowed.contains("data-year=\"2023\" aria-pressed=\"true\""));
    assert!(narrowed.contains("data-year=\"2022\" aria-pressed=\"false\""), "one year pressed at a time");
    assert!(narrowed.contains("<div id=\"fl-view-timeline\" class=\"fl-view\">"), "the timeline is the open view");
    assert!(narrowed.contains("<div id=\"fl-view-map\" class=\"fl-view fl-view--closed\">"), "the map is closed");
}

#[tokio::test(flavor = "current_thread")]
async fn years_far_apart_give_a_button_per_year_with_dates_and_a_few_ticks() {
    let mut story = (*story()).clone();
    let facts = &mut story.dataset.facts;
    facts[0].date = Some(factlens_core::Date::Year { year: i32::MIN });
    facts[1].date = Some(factlens_core::Date::Year { year: i32::MAX });
    let html = render::<App>(app_with(story, None)).await;
    let timeline = &html[html.find("data-testid=\"timeline\"").unwrap()..];
    let buttons = timeline.matches("data-year=").count();
    assert_eq!(buttons, 5, "2021 to 2023 and the two far years, not four billion");
    let axis = &timeline[timeline.find("fl-timeline__axis").unwrap()..timeline.find("fl-timeline__rows").unwrap()];
    assert!(axis.matches("left:").count() <= 7, "a few ticks");
}
