//! The root: owns the state, starts the load, and shows loading, the error panel or the explorer.

use yew::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::explorer::{explorer, use_explorer, ExplorerProps};
use crate::state::{Action, AppState, Load, Selection};

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

    // Escape clears the selection wherever focus is, and focus returns to where it was picked.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = crate::dom::listen_for_escape(move || {
                crate::dom::set_fragment("");
                state.dispatch(Action::ClearSelection);
                crate::dom::return_focus();
            });
            // Dropping the listener removes it.
            move || {
                let _listener = listener;
            }
        });
    }

    // The selection lives in the URL fragment (`#entity=belarus`): a link keeps the reader's
    // place, back and forward step through selections, and a host page selects by setting it.
    // A link naming nothing in the story says so (and the story shows), until the next pick.
    let ready = matches!(state.load, Load::Ready { .. });
    let missing = use_state(|| None::<String>);
    {
        let (state, missing) = (state.clone(), missing.clone());
        use_effect_with(ready, move |&ready| {
            let listener = ready.then(|| {
                crate::dom::follow_fragment(move |fragment| {
                    let named = Selection::from_fragment(fragment);
                    let nothing = named.as_ref().map_or(fragment.contains('='), |named| !state.can_select(named));
                    missing.set(nothing.then(|| fragment.trim_start_matches('#').to_owned()));
                    state.dispatch(match named {
                        Some(selection) => Action::Select(selection),
                        // An anchor in the page (the skip link's) is not a selection.
                        None if fragment.len() > 1 && !fragment.contains('=') => return,
                        None => Action::ClearSelection,
                    })
                })
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
    let explorer_state = use_explorer(story, map, &state.selection);
    let on_select = {
        let (state, missing) = (state.clone(), missing.clone());
        Callback::from(move |selection: Selection| {
            // The link names what the details show: Belarus picked on the map is `#entity=belarus`.
            let selection = match &state.load {
                Load::Ready { story, .. } => selection.settled(story),
                _ => selection,
            };
            crate::dom::remember_origin();
            missing.set(None);
            crate::dom::set_fragment(&Selection::fragment(Some(&selection)));
            state.dispatch(Action::Select(selection));
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |()| {
            crate::dom::set_fragment("");
            state.dispatch(Action::ClearSelection);
        })
    };

    match &state.load {
        Load::Loading => html! {
            <div class="fl-app fl-loading" role="status" aria-live="polite" data-testid="loading">
                <p>{ "Loading the story…" }</p>
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
                selection: state.selection.clone(),
                missing: (*missing).clone(),
                on_select,
                on_clear,
            },
            &explorer_state,
        ),
    }
}
