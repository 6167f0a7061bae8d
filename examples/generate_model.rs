//! Write a large, valid impact map to standard output, for trying `sroi` at
//! scale: `cargo run --release --example generate_model -- 10000 > big.toml`.
//! The same generator drives `cargo bench --bench calc`.

#[path = "../benches/generate.rs"]
mod generate;

use std::io::Write;

fn main() -> std::process::ExitCode {
    let Some(outcomes) = std::env::args()
        .nth(1)
        .and_then(|n| n.replace('_', "").parse::<usize>().ok())
    else {
        eprintln!("usage: generate_model OUTCOMES");
        return std::process::ExitCode::from(2);
    };
    let text = generate::model(outcomes);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("generate_model: {error}");
            std::process::ExitCode::from(2)
        }
        _ => std::process::ExitCode::SUCCESS,
    }
}
