//! The root: owns the state, starts the load, and shows loading, the error panel or the explorer.

use factlens_core::words::{t, Word};
use yew::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::explorer::{explorer, use_explorer, ExplorerProps};
use crate::state::{Action, AppState, Load, Place, Selection};
use factlens_core::Kinds;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// Start from this state instead of loading (tests and server rendering).
    #[prop_or_default]
    pub initial: Option<AppState>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        use_reducer(move || initial.unwrap_or_default())
    };

    {
        let state = state.clone();
        let should_load = props.initial.is_none();
        use_effect_with((), move |_| {
            if should_load {
                #[cfg(target_arch = "wasm32")]
                wasm_bindgen_futures::spawn_local(async move { state.dispatch(crate::load::load().await) });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = state;
        });
    }

    // The reader's place lives in the URL fragment (`#entity=belarus&view=graph`): a link keeps
    // it, back and forward step through selections, and a host page selects by setting it. So a
    // reader's pick writes the fragment (a step in the page's history; another view, year or
    // filter changes the present step), and the app follows the fragment: one way in for links,
    // history, host pages and clicks alike. A link naming nothing in the story says so (and the
    // story shows), until the next pick.
    let ready = matches!(state.load, Load::Ready { .. });
    {
        let state = state.clone();
        use_effect_with(ready, move |&ready| {
            let listener = ready.then(|| {
                crate::dom::follow_fragment(move |fragment| state.dispatch(Action::Follow(fragment.to_owned())))
            });
            // Dropping the listener removes it.
            move || {
                let _listener = listener;
            }
        });
    }
    let place = state.place.clone();
    let select = {
        let (load, place) = (state.load.clone(), place.clone());
        move |selection: Option<Selection>| {
            // The link names what the details show: Belarus picked on the map is `#entity=belarus`.
            let selection = match &load {
                Load::Ready { story, .. } => selection.map(|selection| selection.settled(story)),
                _ => selection,
            };
            crate::dom::set_fragment(&Place { selection, ..place.clone() }.fragment(kinds_of(&load)), true);
        }
    };
    // Escape clears the selection wherever focus is, and focus returns to where it was picked.
    {
        let select = select.clone();
        use_effect_with(place, move |_| {
            let listener = crate::dom::listen_for_escape(move || {
                select(None);
                crate::dom::return_focus();
            });
            // Dropping the listener removes it.
            move || {
                let _listener = listener;
            }
        });
    }
    let (story, map) = match &state.load {
        Load::Ready { story, map, .. } => (Some(story), Some(map)),
        _ => (None, None),
    };
    let explorer_state = use_explorer(story, map, &state.place);
    let on_select = {
        let select = select.clone();
        Callback::from(move |selection: Selection| {
            crate::dom::remember_origin();
            select(Some(selection));
        })
    };
    let on_go = {
        let load = state.load.clone();
        Callback::from(move |place: Place| crate::dom::set_fragment(&place.fragment(kinds_of(&load)), false))
    };
    let on_clear = Callback::from(move |()| select(None));

    match &state.load {
        Load::Loading => html! {
            <div class="fl-app fl-loading" role="status" aria-live="polite" data-testid="loading">
                <p>{ t(Word::Loading) }</p>
            </div>
        },
        Load::Failed(failure) => html! {
            <div class="fl-app">{ error_panel(failure) }</div>
        },
        Load::Ready { story, warnings, map, graph, settled } => explorer(
            &ExplorerProps {
                story: story.clone(),
                warnings: warnings.clone(),
                map: map.clone(),
                graph: graph.clone(),
                settled: settled.clone(),
                place: state.place.clone(),
                missing: state.missing.clone(),
                on_select,
                on_go,
                on_clear,
            },
            &explorer_state,
        ),
    }
}

/// The loaded story's relation kinds, which name the hidden ones in a link; none before it loads.
fn kinds_of(load: &Load) -> &Kinds {
    static NONE: Kinds = Kinds::EMPTY;
    match load {
        Load::Ready { story, .. } => &story.kinds,
        _ => &NONE,
    }
}
