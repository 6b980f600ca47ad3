//! `cargo xtask`: the project's automation. `serve` builds and serves the app; `test` runs every check
//! and test of every layer; `bench` prints the numbers. Each installs the tools it needs first.

mod build;
mod fuzz;
mod run;
mod serve;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N]   install what is missing, build the release app, serve it on http://127.0.0.1:N (default 8080)
  test               install what is missing, then run fmt, clippy (native + wasm32), native tests,
                     wasm tests in headless Chromium and the end-to-end browser tests
  fuzz [--seconds N] [TARGET]
                     run the fuzz targets of fuzz/ (nightly, cargo-fuzz), each for N seconds (default 60)
  bench              print benchmark medians (native engine, release bundle size)
  pack               build the npm package of the JavaScript API into target/pkg (wasm-pack), npm pack --dry-run
  build              install what is missing and build the release app into dist/
  install [--browser] install the pinned tools only
  generate           rewrite the generated files: docs/scenario.schema.json, crates/provisim-wasm/provisim.d.ts";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = args.get(1..).unwrap_or_default();
    let result = match command.as_str() {
        "serve" => serve(rest),
        "test" => test::command(rest),
        "bench" => build::bench(rest),
        "fuzz" => fuzz::command(rest),
        "pack" => build::pack(),
        "build" => tools::ensure(false).and_then(|env| build::release(&env).map(|_| ())),
        "generate" | "typescript" | "schema" => generate(),
        "install" => tools::ensure(rest.iter().any(|a| a == "--browser")).map(|_| ()),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask serve [--port N]`: install, build, serve until interrupted.
fn serve(args: &[String]) -> Result<(), String> {
    let mut port = 8080u16;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => {
                let value = iter.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number (1-65535)"))?;
            }
            other => {
                return Err(format!(
                    "serve: unknown argument `{other}` (valid: --port N)"
                ))
            }
        }
    }
    let env = tools::ensure(false)?;
    let dist = build::release(&env)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}\nhelp: another server may use it; try --port 8081"))?;
    println!("provisim is served at http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    serve::serve_forever(&listener, &dist);
    Ok(())
}

/// Rewrites the files generated from the Rust types (tests fail while they are stale).
fn generate() -> Result<(), String> {
    let root = run::root();
    let files = [
        (
            root.join("docs/scenario.schema.json"),
            provisim_core::scenario::schema_text(),
        ),
        (
            root.join("crates/provisim-wasm/provisim.d.ts"),
            provisim_core::typescript::declarations(),
        ),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("xtask: wrote {}", path.display());
    }
    Ok(())
}
