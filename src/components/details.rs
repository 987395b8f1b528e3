//! The details panel: what is selected, its relations, and every fact behind it. On a phone it
//! is a sheet over the lower part of the screen, with a handle to expand it.

use factlens_core::map::MapArc;
use factlens_core::svg_path::Fixed;
use factlens_core::words::{count, fill, isolated, t, Word};
use factlens_core::{Entity, EntityKind, Fact, Relation, Story};
use yew::prelude::*;

use crate::components::entity_list::entity_button;
use crate::components::fact_card::fact_card;
use crate::state::{Loaded, MapStatus, Selection};

/// What the details show and answer with (the explorer's, passed down).
pub struct DetailsProps {
    pub story: Loaded<Story>,
    /// Where country names and arcs come from.
    pub map: MapStatus,
    pub selection: Option<Selection>,
    pub on_select: Callback<Selection>,
    pub on_clear: Callback<()>,
    /// Whether the screen is phone-narrow, where long lists start folded ([`DetailsState::narrow`]).
    pub narrow: bool,
}

/// What the details show for a selection: its body, and the few words a screen reader is told
/// ("Belarus, country, 16 facts"), not the whole panel.
struct Shown {
    body: Html,
    said: String,
}

/// What the details keep between renders: their title and panel (for focus and scrolling) and
/// whether the phone's sheet is expanded.
pub struct DetailsState {
    title: NodeRef,
    panel: NodeRef,
    expanded: UseStateHandle<bool>,
    /// Whether the screen is phone-narrow: followed in an effect (rendering stays pure; a
    /// rotation or a resized window changes it), so the first render, and the page's HTML,
    /// have it wide.
    narrow: UseStateHandle<bool>,
}

impl DetailsState {
    pub fn narrow(&self) -> bool {
        *self.narrow
    }
}

/// The details' state, kept by the explorer: the details are a function, not a component (a
/// component brings its own copy of Yew's lifecycle).
#[hook]
pub fn use_details(selection: &Option<Selection>) -> DetailsState {
    let title = use_node_ref();
    let panel = use_node_ref();
    let expanded = use_state(|| false);
    let narrow = use_state(|| false);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            let listener = crate::dom::follow_narrow(move |now| narrow.set(now));
            // Dropping the listener removes it.
            move || {
                let _listener = listener;
            }
        });
    }
    // The panel scrolls within itself, so a new selection starts at its top and the page does
    // not move. A click inside it (a relation, an endpoint) replaces the clicked button, and
    // focus would fall back to the page; keep keyboard and screen-reader users in the panel.
    {
        let (title, panel) = (title.clone(), panel.clone());
        use_effect_with(selection.clone(), move |selection| {
            if selection.is_some() {
                crate::dom::scroll_to_top(&panel);
                crate::dom::keep_pick_above(&panel);
                crate::dom::focus_if_lost(&title);
            }
        });
    }
    DetailsState { title, panel, expanded, narrow }
}

/// The details panel, and the status line that announces a selection.
pub fn details(props: &DetailsProps, state: &DetailsState) -> Html {
    let DetailsState { title, panel, expanded, .. } = state;
    let story = &props.story;
    let shown = match &props.selection {
        Some(Selection::Entity(id)) => story.entity(id).map(|entity| entity_details(props, entity, title)),
        Some(Selection::Relation(id)) => story.relation(id).map(|relation| relation_details(props, relation, title)),
        Some(Selection::Country(code)) => Some(country_details(props, code, title)),
        Some(Selection::Arc(key)) => arc(props, key).map(|arc| arc_details(props, arc, title)),
        Some(Selection::Fact(id)) => story.fact(id).map(|fact| fact_details(props, fact, title)),
        None => None,
    };
    let said = shown.as_ref().map(|shown| shown.said.clone()).unwrap_or_default();
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let open = shown.is_some();

    html! {
        <>
        <aside
            ref={panel.clone()}
            class={classes!("fl-details", open.then_some("fl-details--open"), (open && **expanded).then_some("fl-details--full"))}
            data-testid="details"
            aria-label={t(Word::Details)}
        >
            if let Some(shown) = shown {
                <div class="fl-details__bar">
                    <button type="button" class="fl-details__handle" aria-expanded={(**expanded).to_string()} onclick={toggle}>
                        { t(if **expanded { Word::ShowLess } else { Word::ShowMore }) }
                    </button>
                    <button type="button" class="fl-details__close" aria-label={t(Word::ClearSelection)} onclick={clear}>{ "×" }</button>
                </div>
                { shown.body }
            } else {
                <p class="fl-details__empty">{ t(Word::DetailsEmpty) }</p>
            }
        </aside>
        <p class="fl-visually-hidden" role="status" data-testid="announcement">{ said }</p>
        </>
    }
}

/// The map's arc with this key.
fn arc<'a>(props: &'a DetailsProps, key: &str) -> Option<&'a MapArc> {
    match &props.map {
        MapStatus::Ready(map) => map.arcs.iter().find(|arc| arc.key == key),
        MapStatus::Unavailable(_) => None,
    }
}

/// A country's name: the story's country entity's, else the map's, else its code.
fn country_name(props: &DetailsProps, code: &str) -> String {
    let story = props.story.entities_of_country(code).find(|e| e.kind == EntityKind::Country);
    let map = match &props.map {
        MapStatus::Ready(map) => map.country(code).map(|c| c.name.as_str()),
        MapStatus::Unavailable(_) => None,
    };
    story.map(|e| e.name.as_str()).or(map).unwrap_or(code).to_owned()
}

fn entity_name<'a>(story: &'a Story, id: &'a str) -> &'a str {
    story.entity(id).map_or(id, |e| e.name.as_str())
}

/// "1 fact", "16 facts".
fn facts_count(n: usize) -> String {
    count(n, Word::OneFact, Word::ManyFacts)
}

/// A list's heading with its length: "Facts (3)".
fn heading(word: Word, n: usize) -> String {
    fill(word, &[&n.to_string()])
}

fn facts_list<'a>(story: &Loaded<Story>, ids: impl Iterator<Item = &'a str>) -> Html {
    html! {
        <ol class="fl-facts">
            { for ids.map(|id| fact_card(story, id)) }
        </ol>
    }
}

/// A titled list that a phone shows collapsed behind its count when it is long.
fn fold(props: &DetailsProps, heading: String, long: bool, list: Html) -> Html {
    html! {
        <details class="fl-fold" open={!long || !props.narrow}>
            <summary class="fl-details__heading">{ heading }</summary>
            { list }
        </details>
    }
}

fn entity_details(props: &DetailsProps, entity: &Entity, title: &NodeRef) -> Shown {
    let story = &props.story;
    let relations: Vec<&Relation> = story.relations_of(&entity.id).collect();
    let facts: Vec<&str> = story.facts_of(&entity.id).map(|f| f.id.as_str()).collect();
    let country = entity.country.as_deref().map(|code| format!("{} ({code})", isolated(&country_name(props, code))));
    let is_reference = |field: factlens_core::model::ReferenceField| entity.reference.contains(&field);
    // A country's page also lists who and what in the story belongs to it.
    let members: Vec<&Entity> = match (entity.kind, entity.country.as_deref()) {
        (EntityKind::Country, Some(code)) => story.entities_of_country(code).filter(|e| e.id != entity.id).collect(),
        _ => Vec::new(),
    };
    let select_entity = props.on_select.reform(Selection::Entity);
    let reference =
        html! { <span class="fl-reference" title={t(Word::ReferenceDataTitle)}>{ t(Word::ReferenceData) }</span> };

    let body = html! {
        // A country entity's page is its country's page too (the map's pick of it settles here).
        <article class="fl-details__body" data-selected-entity={entity.id.clone()}
            data-selected-country={(entity.kind == EntityKind::Country).then(|| entity.country.clone()).flatten()}>
            <p class={classes!("fl-badge", format!("fl-badge--{}", entity.kind.as_str()))}>{ entity.kind.label() }</p>
            <h2 class="fl-details__title" tabindex="-1" dir="auto" ref={title.clone()}>{ &entity.name }</h2>
            if !entity.roles.is_empty() {
                <p class="fl-details__roles" dir="auto">{ entity.roles.join(" · ") }</p>
            }
            <p class="fl-details__description" dir="auto">{ &entity.description }</p>
            if !entity.aliases.is_empty() {
                <p class="fl-details__aliases">{ fill(Word::Also, &[&entity.aliases.join(", ")]) }</p>
            }
            <dl class="fl-details__facts-table">
                if let Some(country) = country {
                    <dt>{ t(Word::Country) }</dt>
                    <dd>{ country }
                        if is_reference(factlens_core::model::ReferenceField::Country) { { reference.clone() } }
                    </dd>
                }
                if let Some(location) = entity.location {
                    <dt>{ t(Word::Location) }</dt>
                    <dd>{ format!("{}°, {}°", Fixed(location.lat, 4), Fixed(location.lon, 4)) }
                        if is_reference(factlens_core::model::ReferenceField::Location) { { reference } }
                    </dd>
                }
                if let Some(date) = &entity.date {
                    <dt>{ t(Word::When) }</dt>
                    <dd dir="auto">{ date.display() }</dd>
                }
            </dl>
            if !relations.is_empty() {
                { fold(props, heading(Word::RelationsHeading, relations.len()), relations.len() > 6, relation_groups(props, &relations)) }
            }
            { fold(props, heading(Word::FactsHeading, facts.len()), facts.len() > 3, facts_list(story, facts.iter().copied())) }
            if !members.is_empty() {
                { fold(props, heading(Word::InTheStory, members.len()), members.len() > 6, html! {
                    <ul class="fl-kind__list">{ for members.iter().map(|e| entity_button(e, None, &select_entity)) }</ul>
                }) }
            }
        </article>
    };
    Shown { body, said: fill(Word::EntitySaid, &[&entity.name, entity.kind.label(), &facts_count(facts.len())]) }
}

fn country_details(props: &DetailsProps, code: &str, title: &NodeRef) -> Shown {
    let story = &props.story;
    let entities: Vec<&Entity> = story.entities_of_country(code).collect();
    let name = country_name(props, code);
    let facts: Vec<&str> = story.facts_of_country(code).into_iter().map(|f| f.id.as_str()).collect();
    let select_entity = props.on_select.reform(Selection::Entity);
    let body = html! {
        <article class="fl-details__body" data-selected-country={code.to_owned()}>
            <p class="fl-badge fl-badge--country">{ EntityKind::Country.label() }</p>
            <h2 class="fl-details__title" tabindex="-1" dir="auto" ref={title.clone()}>{ &name }</h2>
            if entities.is_empty() {
                <p class="fl-details__description">{ t(Word::NotInStory) }</p>
            } else {
                <h3 class="fl-details__heading">{ heading(Word::InTheStory, entities.len()) }</h3>
                <ul class="fl-kind__list">{ for entities.iter().map(|e| entity_button(e, None, &select_entity)) }</ul>
                { fold(props, heading(Word::FactsHeading, facts.len()), facts.len() > 3, facts_list(story, facts.iter().copied())) }
            }
        </article>
    };
    Shown { body, said: fill(Word::EntitySaid, &[&name, EntityKind::Country.label(), &facts_count(facts.len())]) }
}

/// Relations grouped by kind and ends: one line for a relation on its own; for several of one
/// kind between the same two entities, the pair once and a line for each saying what sets it
/// apart (its label and date).
fn relation_groups(props: &DetailsProps, relations: &[&Relation]) -> Html {
    let mut groups: Vec<Vec<&Relation>> = Vec::new();
    for &relation in relations {
        let same = |r: &&Relation| r.kind == relation.kind && r.from == relation.from && r.to == relation.to;
        match groups.iter_mut().find(|group| same(&group[0])) {
            Some(group) => group.push(relation),
            None => groups.push(vec![relation]),
        }
    }
    html! {
        <ul class="fl-relations">
            { for groups.into_iter().map(|group| match group.as_slice() {
                [relation] => html! {
                    <li>{ relation_button(props, relation, html! { <>{ relation_line(&props.story, relation) }{ standing(&props.story, relation) }</> }) }</li>
                },
                [first, ..] => html! {
                    <li class="fl-relations__group">
                        <p class="fl-relation fl-relation--pair">
                            { relation_line(&props.story, first) }{ format!(" ({})", group.len()) }{ standing(&props.story, first) }
                        </p>
                        <ul>
                            { for group.iter().map(|relation| {
                                // Its label sets it apart; its date too where the label is shared.
                                let shared = group.iter().filter(|r| r.label == relation.label).count() > 1;
                                let when = relation.date.as_ref().filter(|_| shared).map(|date| format!(" · {}", date.display()));
                                html! { <li>{ relation_button(props, relation, Html::from([isolated(&relation.label).as_ref(), when.as_deref().unwrap_or_default()].concat())) }</li> }
                            }) }
                        </ul>
                    </li>
                },
                [] => Html::default(),
            }) }
        </ul>
    }
}

/// "Belarus → supplied arms to → Myanmar's military".
fn relation_line(story: &Story, relation: &Relation) -> Html {
    let arrow = if relation.directed { "→" } else { "↔" };
    html! {
        <>
            // Names isolated: a name written right to left (or holding a direction override)
            // cannot reorder the arrows and words around it.
            { isolated(entity_name(story, &relation.from)).into_owned() }
            <span class="fl-relation__kind">{ format!(" {arrow} {} {arrow} ", isolated(story.kind_label(relation))) }</span>
            { isolated(entity_name(story, &relation.to)).into_owned() }
        </>
    }
}

/// A relation's standing, when it is not reported in the source's own voice ("a claim,
/// according to Justice For Myanmar").
fn standing(story: &Story, relation: &Relation) -> Html {
    story.standing_note(relation).map_or_else(Html::default, |note| {
        html! { <span class={classes!("fl-standing", format!("fl-status--{}", story.standing(relation).as_str()))}>{ note }</span> }
    })
}

fn relation_button(props: &DetailsProps, relation: &Relation, content: Html) -> Html {
    let onclick = {
        let (on_select, id) = (props.on_select.clone(), relation.id.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(Selection::Relation(id.clone())))
    };
    html! {
        <button type="button" class="fl-relation" data-relation={relation.id.clone()} {onclick}>{ content }</button>
    }
}

fn relation_details(props: &DetailsProps, relation: &Relation, title: &NodeRef) -> Shown {
    let story = &props.story;
    let endpoint = |id: &str| {
        let onclick = {
            let on_select = props.on_select.clone();
            let id = id.to_owned();
            Callback::from(move |_: MouseEvent| on_select.emit(Selection::Entity(id.clone())))
        };
        html! {
            <button type="button" class="fl-link" data-entity={id.to_owned()} dir="auto" {onclick}>{ entity_name(story, id) }</button>
        }
    };
    let facts: Vec<&str> = relation.facts.iter().map(String::as_str).collect();
    let body = html! {
        <article class="fl-details__body" data-selected-relation={relation.id.clone()}>
            <p class="fl-badge fl-badge--relation">{ story.kind_label(relation) }</p>
            <h2 class="fl-details__title" tabindex="-1" dir="auto" ref={title.clone()}>
                { endpoint(&relation.from) }
                { if relation.directed { " → " } else { " ↔ " } }
                { endpoint(&relation.to) }
            </h2>
            <p class="fl-details__description">{ isolated(&relation.label).into_owned() }{ standing(story, relation) }</p>
            if let Some(date) = &relation.date {
                <p class="fl-details__roles" dir="auto">{ date.display() }</p>
            }
            <h3 class="fl-details__heading">{ heading(Word::FactsHeading, facts.len()) }</h3>
            { facts_list(story, facts.into_iter()) }
        </article>
    };
    let said = fill(
        Word::RelationSaid,
        &[
            entity_name(story, &relation.from),
            story.kind_label(relation),
            entity_name(story, &relation.to),
            &facts_count(relation.facts.len()),
        ],
    );
    Shown { body, said }
}

fn fact_details(props: &DetailsProps, fact: &Fact, title: &NodeRef) -> Shown {
    let story = &props.story;
    let select_entity = props.on_select.reform(Selection::Entity);
    let supports: Vec<&Relation> = story.dataset.relations.iter().filter(|r| r.facts.contains(&fact.id)).collect();
    let body = html! {
        <article class="fl-details__body" data-selected-fact={fact.id.clone()}>
            <p class="fl-badge">{ t(Word::Fact) }</p>
            <h2 class="fl-details__title" tabindex="-1" dir="auto" ref={title.clone()}>{ &fact.statement }</h2>
            <ol class="fl-facts">{ fact_card(story, &fact.id) }</ol>
            <h3 class="fl-details__heading">{ heading(Word::AboutHeading, fact.entities.len()) }</h3>
            <ul class="fl-kind__list">
                { for fact.entities.iter().filter_map(|id| story.entity(id)).map(|e| entity_button(e, None, &select_entity)) }
            </ul>
            if !supports.is_empty() {
                { fold(props, heading(Word::SupportsHeading, supports.len()), supports.len() > 6, relation_groups(props, &supports)) }
            }
        </article>
    };
    // A few words for a screen reader: the statement, cut short where it is long.
    let mut said: String = fact.statement.chars().take(100).collect();
    if said.len() < fact.statement.len() {
        said.push('…');
    }
    Shown { body, said: fill(Word::FactSaid, &[&said]) }
}

fn arc_details(props: &DetailsProps, arc: &MapArc, title: &NodeRef) -> Shown {
    let story = &props.story;
    let relations: Vec<&Relation> = arc.relation_ids.iter().filter_map(|id| story.relation(id)).collect();
    let mut facts: Vec<&str> = Vec::new();
    for id in relations.iter().flat_map(|r| &r.facts) {
        if !facts.contains(&id.as_str()) {
            facts.push(id);
        }
    }
    let body = html! {
        <article class="fl-details__body" data-selected-arc={arc.key.clone()}>
            <p class="fl-badge fl-badge--relation">{ props.story.kinds.get(arc.kind).label() }</p>
            <h2 class="fl-details__title" tabindex="-1" dir="auto" ref={title.clone()}>
                { format!("{} → {}", isolated(&country_name(props, &arc.from)), isolated(&country_name(props, &arc.to))) }
            </h2>
            { fold(props, heading(Word::RelationsHeading, relations.len()), false, relation_groups(props, &relations)) }
            { fold(props, heading(Word::FactsHeading, facts.len()), facts.len() > 3, facts_list(story, facts.into_iter())) }
        </article>
    };
    let said = match &props.map {
        MapStatus::Ready(map) => arc.label(story, map),
        MapStatus::Unavailable(_) => String::new(),
    };
    Shown { body, said }
}
