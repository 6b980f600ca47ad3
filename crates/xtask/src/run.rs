//! Running commands: the workspace root, PATH with the pinned tools first, and echoing what runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the folder above `crates/xtask`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or(manifest)
}

/// The environment every tool runs in: PATH with the npm tools (wasm-opt) and cargo's bin first.
#[derive(Clone, Debug)]
pub struct Env {
    pub path: String,
    pub chromedriver: Option<PathBuf>,
}

impl Env {
    pub fn new() -> Env {
        let mut parts = vec![
            root().join("web/node_modules/.bin").display().to_string(),
            cargo_bin().display().to_string(),
        ];
        if let Ok(path) = std::env::var("PATH") {
            parts.push(path);
        }
        Env {
            path: parts.join(":"),
            chromedriver: None,
        }
    }

    /// A command with this environment, run from the workspace root.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(root()).env("PATH", &self.path);
        if let Some(driver) = &self.chromedriver {
            command.env("CHROMEDRIVER", driver);
        }
        command
    }
}

/// Cargo's bin folder (`$CARGO_HOME/bin`, default `~/.cargo/bin`), where `cargo install` puts tools.
pub fn cargo_bin() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// Runs a command to completion, echoing it; an error names it and its exit status.
pub fn status(command: &mut Command) -> Result<(), String> {
    eprintln!("$ {}", describe(command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
