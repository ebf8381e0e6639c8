//! What the app's effects ask of the system outside the terminal: opening a
//! web address in the browser. Never through a shell: the address comes from
//! an article file, and a shell would read `;` or `$(…)` in it as commands.
//!
//! The browser is `$BROWSER` when set (the usual convention: a `:`-separated
//! list of commands, each tried in turn, `%s` standing for the address, else
//! the address last), otherwise the system's opener (`open` on macOS,
//! `xdg-open` elsewhere).

use std::process::{Command, Stdio};

/// Opens `url` in the browser; says which program took it, or why none did.
pub fn open_url(url: &str) -> Result<String, String> {
    let browser = std::env::var("BROWSER").ok();
    let mut tried = Vec::new();
    for (program, args) in browser_commands(browser.as_deref(), url) {
        let spawned = Command::new(&program)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            Ok(mut child) => {
                // Reaped in the background: the browser may run for hours.
                std::thread::spawn(move || child.wait());
                return Ok(program);
            }
            Err(e) => tried.push(format!("{program}: {e}")),
        }
    }
    Err(format!(
        "no browser could be started ({})",
        tried.join("; ")
    ))
}

/// The commands to try for `url`, in order: each entry of `$BROWSER`, then
/// the system's opener.
fn browser_commands(browser: Option<&str>, url: &str) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = browser
        .unwrap_or("")
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace();
            let program = words.next()?.to_string();
            let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
            if !entry.contains("%s") {
                args.push(url.to_string());
            }
            Some((program, args))
        })
        .collect();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    commands.push((opener.to_string(), vec![url.to_string()]));
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.com/a?b=1&c=$(rm -rf ~);d";

    #[test]
    fn browser_entries_are_tried_in_order_then_the_opener() {
        let commands = browser_commands(Some("firefox --new-tab %s:lynx"), URL);
        assert_eq!(commands[0].0, "firefox");
        assert_eq!(commands[0].1, ["--new-tab", URL]);
        assert_eq!(commands[1], ("lynx".to_string(), vec![URL.to_string()]));
        assert_eq!(commands.len(), 3);
        assert_eq!(commands[2].1, [URL], "the address is one argument, as is");
    }

    #[test]
    fn without_browser_the_system_opener_is_used() {
        let commands = browser_commands(None, URL);
        assert_eq!(commands.len(), 1);
        assert_eq!(browser_commands(Some(" : "), URL).len(), 1);
    }

    #[test]
    fn a_missing_browser_is_reported_by_name() {
        let err = {
            let commands = browser_commands(Some("/no/such/browser-castlist"), URL);
            Command::new(&commands[0].0)
                .args(&commands[0].1)
                .spawn()
                .map(|_| ())
                .unwrap_err()
        };
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }
}
