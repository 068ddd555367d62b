//! The `gazette-server` binary: parses flags, logs, serves until SIGINT or SIGTERM.

use clap::Parser;
use gazette_server::{shutdown_signal, Args, Server};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let server = match Server::start(&args).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("gazette-server: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("Gazette is running at http://{}/", server.address());
    match server.run_until(shutdown_signal()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gazette-server: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
