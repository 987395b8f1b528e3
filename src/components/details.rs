//! The details panel: what is selected, its relations, and every fact behind it.

use factlens_core::svg_path::Fixed;
use factlens_core::{Entity, Relation, Story};
use yew::prelude::*;

use crate::components::entity_list::entity_button;
use crate::components::fact_card::fact_card;
use crate::state::{Loaded, MapStatus, Selection};

#[derive(Properties, PartialEq, Clone)]
pub struct DetailsProps {
    pub story: Loaded<Story>,
    /// Where country names come from (the story's own, else Natural Earth's).
    pub map: MapStatus,
    pub selection: Option<Selection>,
    pub on_select: Callback<Selection>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn Details(props: &DetailsProps) -> Html {
    let title = use_node_ref();
    let panel = use_node_ref();
    // A click inside the panel (a relation, an endpoint) replaces the clicked button, and focus
    // would fall back to the page; keep keyboard and screen-reader users in the panel instead.
    {
        let (title, panel) = (title.clone(), panel.clone());
        use_effect_with(props.selection.clone(), move |selection| {
            if selection.is_some() {
                crate::dom::reveal(&panel);
                crate::dom::focus_if_lost(&title);
            }
        });
    }
    let story = &props.story;
    let body = match &props.selection {
        Some(Selection::Entity(id)) => story.entity(id).map(|entity| entity_details(props, entity, &title)),
        Some(Selection::Relation(id)) => story.relation(id).map(|relation| relation_details(props, relation, &title)),
        Some(Selection::Country(code)) => Some(country_details(props, code, &title)),
        None => None,
    };
    let onclick = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };

    html! {
        <aside ref={panel} class="fl-details" data-testid="details" aria-label="Details" aria-live="polite">
            if let Some(body) = body {
                <button type="button" class="fl-details__close" aria-label="Clear selection" {onclick}>{ "×" }</button>
                { body }
            } else {
                <p class="fl-details__empty">{ "Select a person, country, organisation or event to see every fact about it, quoted from the article." }</p>
                { story_facts(story) }
            }
        </aside>
    }
}

/// Facts shown while nothing is selected: so the story's facts are on the page from the first
/// paint (and in its HTML, for readers without script); a large story shows its first ones.
const FACTS_AT_REST: usize = 200;

/// The story's facts, in dataset order, while nothing is selected.
fn story_facts(story: &Loaded<Story>) -> Html {
    let facts = &story.dataset.facts;
    let shown = facts.len().min(FACTS_AT_REST);
    let heading = if shown == facts.len() {
        format!("The story’s {} facts", facts.len())
    } else {
        format!("The first {shown} of the story’s {} facts", facts.len())
    };
    html! {
        <section class="fl-details__story" aria-labelledby="fl-story-facts">
            <h2 id="fl-story-facts" class="fl-section-title">{ heading }</h2>
            { facts_list(story, facts.iter().take(shown).map(|fact| fact.id.clone())) }
        </section>
    }
}

/// A country's name: the story's country entity's, else the map's, else its code.
fn country_name(props: &DetailsProps, code: &str) -> String {
    let story = props.story.entities_of_country(code).find(|e| e.kind == factlens_core::EntityKind::Country);
    let map = match &props.map {
        MapStatus::Ready(map) => map.country(code).map(|c| c.name.as_str()),
        MapStatus::Unavailable(_) => None,
    };
    story.map(|e| e.name.as_str()).or(map).unwrap_or(code).to_owned()
}

fn entity_name<'a>(story: &'a Story, id: &'a str) -> &'a str {
    story.entity(id).map_or(id, |e| e.name.as_str())
}

fn facts_list(story: &Loaded<Story>, ids: impl Iterator<Item = String>) -> Html {
    html! {
        <ol class="fl-facts">
            { for ids.map(|id| fact_card(story, &id)) }
        </ol>
    }
}

fn entity_details(props: &DetailsProps, entity: &Entity, title: &NodeRef) -> Html {
    let story = &props.story;
    let relations: Vec<&Relation> = story.relations_of(&entity.id).collect();
    let fact_ids: Vec<String> = story.facts_of(&entity.id).map(|f| f.id.clone()).collect();
    let country = entity.country.as_deref().map(|code| format!("{} ({code})", country_name(props, code)));
    let is_reference = |field: factlens_core::model::ReferenceField| entity.reference.contains(&field);

    html! {
        <article class="fl-details__body" data-selected-entity={entity.id.clone()}>
            <p class={classes!("fl-badge", format!("fl-badge--{}", entity.kind.as_str()))}>{ entity.kind.as_str() }</p>
            <h2 class="fl-details__title" tabindex="-1" ref={title.clone()}>{ &entity.name }</h2>
            if !entity.roles.is_empty() {
                <p class="fl-details__roles">{ entity.roles.join(" · ") }</p>
            }
            <p class="fl-details__description">{ &entity.description }</p>
            if !entity.aliases.is_empty() {
                <p class="fl-details__aliases">{ "Also: " }{ entity.aliases.join(", ") }</p>
            }
            <dl class="fl-details__facts-table">
                if let Some(country) = country {
                    <dt>{ "Country" }</dt>
                    <dd>{ country }
                        if is_reference(factlens_core::model::ReferenceField::Country) {
                            <span class="fl-reference" title="Reference data, not from the article">{ " reference data" }</span>
                        }
                    </dd>
                }
                if let Some(location) = entity.location {
                    <dt>{ "Location" }</dt>
                    <dd>{ format!("{}°, {}°", Fixed(location.lat, 4), Fixed(location.lon, 4)) }
                        if is_reference(factlens_core::model::ReferenceField::Location) {
                            <span class="fl-reference" title="Reference data, not from the article">{ " reference data" }</span>
                        }
                    </dd>
                }
                if let Some(date) = &entity.date {
                    <dt>{ "When" }</dt>
                    <dd>{ date.display() }</dd>
                }
            </dl>
            if !relations.is_empty() {
                <h3 class="fl-details__heading">{ format!("Relations ({})", relations.len()) }</h3>
                <ul class="fl-relations">
                    { for relations.into_iter().map(|relation| relation_button(props, relation)) }
                </ul>
            }
            <h3 class="fl-details__heading">{ format!("Facts ({})", fact_ids.len()) }</h3>
            { facts_list(story, fact_ids.into_iter()) }
        </article>
    }
}

fn country_details(props: &DetailsProps, code: &str, title: &NodeRef) -> Html {
    let story = &props.story;
    let entities: Vec<&Entity> = story.entities_of_country(code).collect();
    let name = country_name(props, code);
    let fact_ids: Vec<String> = story.facts_of_country(code).into_iter().map(|f| f.id.clone()).collect();
    let select_entity = props.on_select.reform(Selection::Entity);
    html! {
        <article class="fl-details__body" data-selected-country={code.to_owned()}>
            <p class="fl-badge fl-badge--country">{ "country" }</p>
            <h2 class="fl-details__title" tabindex="-1" ref={title.clone()}>{ name }</h2>
            if entities.is_empty() {
                <p class="fl-details__description">{ "Not part of this story." }</p>
            } else {
                <h3 class="fl-details__heading">{ format!("In the story ({})", entities.len()) }</h3>
                <ul class="fl-kind__list">{ for entities.iter().map(|e| entity_button(e, None, &select_entity)) }</ul>
                <h3 class="fl-details__heading">{ format!("Facts ({})", fact_ids.len()) }</h3>
                { facts_list(story, fact_ids.into_iter()) }
            }
        </article>
    }
}

fn relation_button(props: &DetailsProps, relation: &Relation) -> Html {
    let story = &props.story;
    let onclick = {
        let on_select = props.on_select.clone();
        let id = relation.id.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(Selection::Relation(id.clone())))
    };
    let arrow = if relation.directed { "→" } else { "↔" };
    html! {
        <li>
            <button type="button" class="fl-relation" data-relation={relation.id.clone()} {onclick}>
                // Names in <bdi>: a name written right to left (or holding a direction override)
                // cannot reorder the arrows and words around it.
                <bdi>{ entity_name(story, &relation.from) }</bdi>
                <span class="fl-relation__kind">{ format!(" {arrow} {} {arrow} ", relation.kind.label()) }</span>
                <bdi>{ entity_name(story, &relation.to) }</bdi>
            </button>
        </li>
    }
}

fn relation_details(props: &DetailsProps, relation: &Relation, title: &NodeRef) -> Html {
    let story = &props.story;
    let endpoint = |id: &str| {
        let onclick = {
            let on_select = props.on_select.clone();
            let id = id.to_owned();
            Callback::from(move |_: MouseEvent| on_select.emit(Selection::Entity(id.clone())))
        };
        html! {
            <button type="button" class="fl-link" data-entity={id.to_owned()} {onclick}><bdi>{ entity_name(story, id) }</bdi></button>
        }
    };
    let fact_ids: Vec<String> = story.facts_of_relation(relation).map(|f| f.id.clone()).collect();
    html! {
        <article class="fl-details__body" data-selected-relation={relation.id.clone()}>
            <p class="fl-badge fl-badge--relation">{ relation.kind.label() }</p>
            <h2 class="fl-details__title" tabindex="-1" ref={title.clone()}>
                { endpoint(&relation.from) }
                { if relation.directed { " → " } else { " ↔ " } }
                { endpoint(&relation.to) }
            </h2>
            <p class="fl-details__description">{ &relation.label }</p>
            if let Some(date) = &relation.date {
                <p class="fl-details__roles">{ date.display() }</p>
            }
            <h3 class="fl-details__heading">{ format!("Facts ({})", fact_ids.len()) }</h3>
            { facts_list(story, fact_ids.into_iter()) }
        </article>
    }
}
