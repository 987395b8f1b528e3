//! Says, readably, why a dataset could not be shown: every problem with its place.

use factlens_core::words::{count, fill, t, Word};
use yew::prelude::*;

use crate::state::LoadFailure;

/// Why the story could not be shown. A function, not a component: it holds no state.
pub fn error_panel(failure: &LoadFailure) -> Html {
    let body = match failure {
        LoadFailure::Fetch { url, reason } => html! {
            <>
                <h2>{ t(Word::LoadFailed) }</h2>
                <p>{ fill(Word::FetchFailed, &[url, reason]) }</p>
            </>
        },
        LoadFailure::Invalid { url, problems } => {
            let errors = problems.iter().filter(|p| p.severity == factlens_core::Severity::Error).count();
            html! {
                <>
                    <h2>{ count(errors, Word::OneError, Word::ManyErrors) }</h2>
                    <p>{ fill(Word::FixThese, &[url]) }</p>
                    <ol class="fl-problems">
                        { for problems.iter().map(|problem| html! {
                            <li class={classes!("fl-problem", format!("fl-problem--{}", problem.severity.as_str()))}>
                                <code class="fl-problem__where">
                                    { format!("{url}:{}:{}", problem.line, problem.column) }
                                </code>
                                <span class="fl-problem__severity">{ problem.severity.label() }</span>
                                <span class="fl-problem__message">{ &problem.message }</span>
                                <code class="fl-problem__path">{ fill(Word::At, &[&problem.path]) }</code>
                            </li>
                        }) }
                    </ol>
                </>
            }
        }
    };
    html! {
        <section class="fl-error" data-testid="error" role="alert">{ body }</section>
    }
}
