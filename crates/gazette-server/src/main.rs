//! The `gazette-server` binary: parses flags, logs, serves until SIGINT or SIGTERM.

use clap::Parser;
use gazette_server::{
    host_files::{self, HostFilesOptions},
    shutdown_signal, Args, Command, Server,
};
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let logs = tracing_subscriber::fmt().with_env_filter(
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
    );
    // An owner's command prints what it was asked for (an export) on
    // standard output: its log goes to standard error.
    if matches!(args.command, Some(Command::Members { .. })) {
        logs.with_writer(std::io::stderr).init();
    } else {
        logs.init();
    }
    match &args.command {
        Some(Command::HostFiles) => return write_host_files(&args).await,
        Some(Command::Members { command }) => return members(&args, command).await,
        Some(Command::Pictures) => return pictures(&args),
        Some(Command::Import(import)) => {
            return match gazette_import::import::run(import).await {
                Ok(summary) => {
                    println!("{summary}");
                    std::process::ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("gazette-server import: {error}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        None => {}
    }
    let server = match Server::start(&args).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("gazette-server: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Listening for SIGTERM before saying so: a supervisor may stop the
    // server as soon as it reads the line.
    let shutdown = shutdown_signal();
    println!("Gazette is running at http://{}/", server.address());
    match server.run_until(shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gazette-server: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn pictures(args: &Args) -> std::process::ExitCode {
    match gazette_content::pictures::Pictures::prepare(&args.content) {
        Ok(pictures) => {
            println!(
                "{} picture variants in {}",
                pictures.files().count(),
                pictures.cache().display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gazette-server pictures: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn members(
    args: &Args,
    command: &gazette_members::owner::MembersCommand,
) -> std::process::ExitCode {
    let mut out = std::io::stdout();
    let result = gazette_members::owner::command(&args.database, command, &mut out).await;
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gazette-server members: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn write_host_files(args: &Args) -> std::process::ExitCode {
    let Some(dist) = &args.dist else {
        eprintln!("gazette-server host-files: name the build with --dist");
        return std::process::ExitCode::FAILURE;
    };
    let options = HostFilesOptions {
        dist,
        api_origins: &args.api_origins,
        frame_ancestors: &args.frame_ancestors,
        content: &args.content,
        site_url: args.site_url.as_ref(),
    };
    match host_files::write(&options).await {
        Ok(summary) => {
            println!("{summary}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gazette-server host-files: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
