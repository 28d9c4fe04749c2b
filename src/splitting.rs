//! The wasm-split plumbing the app's parts are declared with: a chunk that did not arrive, and
//! `on_demand_fn!` for a function whose code downloads on its first call. Its own module, below
//! everything that uses it (`chunks` for screens, `data` for the snapshot parser), so no layer
//! reaches up into the screen list for it.

/// A chunk did not arrive (the network went away between screens). Not cached: the next
/// attempt downloads it again.
#[derive(Clone, Copy, Debug)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// `in $chunk: fn $name(..) -> $out { .. }` declares an async `$name` answering
/// `Result<$out, ChunkFailed>`, its code in the chunk `$chunk`, downloaded on the first call
/// (several functions may share a chunk). Without the `split` feature: a plain async function.
macro_rules! on_demand_fn {
    ($(#[$meta:meta])* in $chunk:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<$out, $crate::splitting::ChunkFailed> {
            Ok($body)
        }
        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$out, $crate::splitting::ChunkFailed> {
            Ok($body)
        }
    };
}
pub(crate) use on_demand_fn;
