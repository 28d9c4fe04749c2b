//! Entry point: mounts the app. Everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    reform_widget::mount();
}
