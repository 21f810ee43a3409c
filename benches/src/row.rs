//! What every row is to the runners: [`Row`], and the [`Summary`] of a response that the
//! rows' agreement tests compare. Every row module depends on this one, and this one on
//! none of them.

use http::Response;

/// What a response looked like: status and headers, for checking that rows agree.
pub type Summary = (u16, Vec<(String, String)>);

/// One row, prepared and run in batches.
///
/// A row prepares `n` identical requests (not timed), [`Row::run`]s them all through its
/// service (timed), and drops the responses in [`Row::finish`] (not timed).
pub trait Row {
    /// Makes `n` requests of the scenario (not timed).
    fn prepare(&mut self, n: usize);
    /// Sends every prepared request through the service, keeping the responses.
    fn run(&mut self);
    /// Drops the responses (not timed) and describes the first.
    fn finish(&mut self) -> Option<Summary>;
}

/// A response's status and every header as text, sorted: what the rows' agreement
/// tests compare.
pub fn summarize<B>(response: &Response<B>) -> Summary {
    summarize_parts(
        response.status().as_u16(),
        response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_bytes())),
    )
}

/// [`summarize`] for any framework's header map: `http` 0.2's (actix-web) as well.
pub fn summarize_parts<'a>(
    status: u16,
    headers: impl Iterator<Item = (&'a str, &'a [u8])>,
) -> Summary {
    let mut headers: Vec<(String, String)> = headers
        .map(|(k, v)| (k.to_owned(), String::from_utf8_lossy(v).into_owned()))
        .collect();
    headers.sort();
    (status, headers)
}
