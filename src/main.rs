//! The browser entry point: installs the panic hook and mounts the app.

fn main() {
    // A release build whose panics abort at once (the Makefile's
    // `WASM_RELEASE`) would never call the hook, so it is left out there.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(gazette::App);
}
