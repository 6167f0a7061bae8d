#[path = "support/model.rs"]
mod generated;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-model") {
        let path = &args[i + 1];
        let n: usize = args
            .get(i + 2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        std::fs::write(path, generated::model(n, 1)).unwrap();
    }
}
