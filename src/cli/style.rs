//! Whether and how the one-shot commands highlight text: only when stdout is
//! a terminal and `NO_COLOR` is unset or empty (no-color.org).

use std::io::IsTerminal;

use crate::text::sanitize;

/// Whether output may carry highlighting.
#[must_use]
pub fn highlight_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Bold and underlined, so it shows without colour and in any theme.
const ON: &str = "\x1b[1;4m";
const OFF: &str = "\x1b[22;24m";

/// The text, sanitised, with the characters at `positions` highlighted when `enabled`.
#[must_use]
pub fn highlight(text: &str, positions: &[usize], enabled: bool) -> String {
    let text = sanitize(text);
    if !enabled || positions.is_empty() {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len() + positions.len() * 8);
    let mut on = false;
    for (i, c) in text.chars().enumerate() {
        let wanted = positions.binary_search(&i).is_ok();
        if wanted != on {
            out.push_str(if wanted { ON } else { OFF });
            on = wanted;
        }
        out.push(c);
    }
    if on {
        out.push_str(OFF);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_positions_are_wrapped_once() {
        assert_eq!(
            highlight("Étude", &[0, 1, 3], true),
            "\x1b[1;4mÉt\x1b[22;24mu\x1b[1;4md\x1b[22;24me"
        );
        assert_eq!(highlight("Étude", &[0, 1], false), "Étude");
    }
}
