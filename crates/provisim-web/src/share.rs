//! Share links: the whole scenario text in the URL fragment, deflated and base64url-encoded behind
//! a format version (`1.<base64url>`). A fragment never leaves the browser, so nothing is sent
//! anywhere; the size is bounded so that links stay usable in mail and chat.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The version of the encoding, written before the first dot.
pub const FORMAT: &str = "1";

/// The longest payload a link may carry (characters after `s=`).
pub const MAX_PAYLOAD: usize = 8_000;

/// The most text a payload may inflate to: a hand-made link cannot make the page allocate more.
pub const MAX_TEXT: usize = 1 << 20;

/// Why a scenario could not be put in a link, or a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The compressed scenario is longer than [`MAX_PAYLOAD`].
    TooLarge { chars: usize },
    /// The link was made by another version of the encoding.
    UnknownFormat(String),
    /// The payload is not base64url, not deflate data, or not UTF-8 text.
    Corrupt,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLarge { chars } => write!(
                f,
                "this scenario is too large for a link: {chars} characters compressed, the limit is {MAX_PAYLOAD}; export it as a file instead"
            ),
            ShareError::UnknownFormat(format) => write!(
                f,
                "this link uses share format `{format}`, and this build reads format `{FORMAT}`: open it with the provisim version that made it"
            ),
            ShareError::Corrupt => f.write_str(
                "this link's scenario is damaged (it may have been cut short when it was copied): ask for the link again, or for the exported file",
            ),
        }
    }
}

/// The payload of a link for `text`: `1.` and the deflated text in base64url.
pub fn encode(text: &str) -> Result<String, ShareError> {
    let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let payload = format!("{FORMAT}.{}", URL_SAFE_NO_PAD.encode(compressed));
    if payload.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge {
            chars: payload.len(),
        });
    }
    Ok(payload)
}

/// The scenario text a payload carries.
pub fn decode(payload: &str) -> Result<String, ShareError> {
    let (format, data) = payload.split_once('.').ok_or(ShareError::Corrupt)?;
    if format != FORMAT {
        return Err(ShareError::UnknownFormat(
            format.chars().take(12).collect::<String>(),
        ));
    }
    if data.len() > MAX_PAYLOAD * 2 {
        return Err(ShareError::TooLarge { chars: data.len() });
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_TEXT)
        .map_err(|_| ShareError::Corrupt)?;
    String::from_utf8(bytes).map_err(|_| ShareError::Corrupt)
}
