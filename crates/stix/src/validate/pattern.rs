//! The structural pattern check used until the pattern crate installs its own.

/// The structural check used until the pattern crate's checker is installed: balanced
/// square brackets and parentheses outside string literals, at least one observation.
pub fn check_pattern_brackets(pattern: &str) -> Result<(), String> {
    let mut stack = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut observations = 0;
    for (pos, c) in pattern.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '\'' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '\'' => in_string = true,
            '[' | '(' => stack.push((c, pos)),
            ']' | ')' => {
                let open = if c == ']' { '[' } else { '(' };
                match stack.pop() {
                    Some((o, _)) if o == open => {
                        if c == ']' {
                            observations += 1;
                        }
                    }
                    _ => return Err(format!("at position {pos}: unbalanced '{c}'")),
                }
            }
            _ => {}
        }
    }
    if in_string {
        return Err("unterminated string literal".into());
    }
    if let Some((c, pos)) = stack.pop() {
        return Err(format!("at position {pos}: '{c}' is never closed"));
    }
    if observations == 0 {
        return Err("expected at least one observation expression in [ ]".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_check() {
        assert!(check_pattern_brackets("[a:b = 'x]']").is_ok());
        assert!(check_pattern_brackets("[a:b = 'x'").is_err());
        assert!(check_pattern_brackets("a:b = 'x'").is_err());
    }
}
