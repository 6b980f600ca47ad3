//! A real SAML 2.0 Response as an admin pastes it (raw XML, base64 from the POST binding, a
//! `SAMLResponse=` form body, or a SAML-tracer export), read with a strict XML parser into what
//! Zoom received: issuer, status, NameID, every attribute, conditions and session.
//!
//! Reading is bounded: the pasted text, the XML, the number of nodes and the nesting depth have
//! limits, a DTD (and so any entity beyond XML's five) is refused, and nothing is fetched.
//! Signatures are not verified and encrypted assertions cannot be read: both are said, never
//! guessed around.

use super::Values;
use crate::input::{self, InputError};
use base64::Engine as _;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest pasted text read as XML, base64 or a form body: 4 MiB.
pub const MAX_TEXT_BYTES: usize = 4 << 20;
/// The longest SAML-tracer export read: 16 MiB (it holds every request of the capture).
pub const MAX_EXPORT_BYTES: usize = 16 << 20;
/// The longest Response XML read, once decoded: 1 MiB (a real one is a few KB).
pub const MAX_XML_BYTES: usize = 1 << 20;
/// The deepest element nesting read (a real Response nests about eight deep).
pub const MAX_DEPTH: usize = 64;
/// The most XML nodes read.
pub const MAX_NODES: u32 = 100_000;

const PROTOCOL: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";

/// What to paste instead of an encrypted assertion.
const DECRYPT_HELP: &str = "provisim cannot decrypt it: it holds no private key, and should not. Paste the decrypted assertion instead (an IdP's sign-in test page or log shows it decrypted), or turn assertion encryption off for the test (Entra ID: Token encryption; Okta: Assertion Encryption; ADFS: the relying party's encryption certificate), capture the sign-in again, and turn it back on";

/// A pasted SAML Response and what was read from it, decoded once when it is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    text: String,
    index: Option<usize>,
    decoded: Result<Received, InputError>,
}

impl Response {
    /// Reads `text`; `index` picks a Response of a SAML-tracer export (from 0; default the last).
    pub fn new(text: impl Into<String>, index: Option<usize>) -> Response {
        let text = text.into();
        let decoded = decode(&text, index);
        Response {
            text,
            index,
            decoded,
        }
    }

    /// A `response_index` given without a `response`: an error for validation to locate.
    pub fn missing(index: usize) -> Response {
        Response {
            text: String::new(),
            index: Some(index),
            decoded: Err(fault(
                format!("`response_index` {index} is given without a `response`"),
                "give the SAML-tracer export in `response`, or remove `response_index`",
            )),
        }
    }

    /// The text as pasted.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The Response chosen in a SAML-tracer export, as given.
    pub fn index(&self) -> Option<usize> {
        self.index
    }

    /// What Zoom received, when the text could be read.
    pub fn received(&self) -> Option<&Received> {
        self.decoded.as_ref().ok()
    }

    /// Why the text could not be read (its path is empty: the scenario locates it).
    pub fn error(&self) -> Option<&InputError> {
        self.decoded.as_ref().err()
    }
}

/// How the pasted text was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// The XML itself.
    Xml,
    /// Base64, as the HTTP-POST binding sends it (line breaks allowed).
    Base64,
    /// A URL-encoded form body, `SAMLResponse=…&RelayState=…`.
    Form,
    /// A SAML-tracer export (JSON), from the decoded `saml` of one captured request.
    SamlTracer,
}

/// Which Response of a SAML-tracer export was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TracerPick {
    /// The Response read, from 0 (`response_index`; default the last).
    pub response: usize,
    /// The Responses the export holds.
    pub responses: usize,
    /// The captured request that carried it, from 0 (its place in the export's `requests`).
    pub request: usize,
}

/// The Response's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Status {
    /// The top-level StatusCode, e.g. `urn:oasis:names:tc:SAML:2.0:status:Success`.
    pub code: String,
    /// The second-level StatusCode, e.g. `…:status:AuthnFailed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether the code is Success: only then does the Response carry an assertion to map.
    pub success: bool,
}

/// The assertion's subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NameId {
    pub value: String,
    /// The NameID Format, e.g. `urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl NameId {
    /// Whether the NameID is no email address: a transient or persistent identifier, or a value
    /// without `@` (SAML-09: it would become the user's email).
    pub fn opaque(&self) -> bool {
        let format = self.format.as_deref().unwrap_or("");
        format.ends_with(":transient")
            || format.ends_with(":persistent")
            || !looks_like_email(&self.value)
    }

    /// The format's last word (`transient`, `emailAddress`), for messages.
    pub fn format_word(&self) -> &str {
        self.format
            .as_deref()
            .and_then(|f| f.rsplit(':').next())
            .unwrap_or("unspecified")
    }
}

/// One attribute as received: every `<Attribute>` of that Name, merged in document order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReceivedAttribute {
    /// What mapping rules match on (SAML-03: exactly this name).
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_format: Option<String>,
    /// Every AttributeValue, in document order.
    pub values: Vec<String>,
    /// How many `<Attribute>` elements of this Name were merged (1 unless the IdP repeats it).
    pub elements: usize,
}

/// The assertion's Conditions (shown, not checked: provisim has no clock).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Conditions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_on_or_after: Option<String>,
    /// Every Audience of the AudienceRestrictions (Zoom's entity ID should be one).
    pub audiences: Vec<String>,
}

/// Which parts carry an XML signature (present, not verified).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Signed {
    pub response: bool,
    pub assertion: bool,
}

/// What Zoom received: the Response as read, before any mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Received {
    pub encoding: Encoding,
    /// For a SAML-tracer export: which of its Responses this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracer: Option<TracerPick>,
    /// The Response's Issuer (else the assertion's): the IdP's entity ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id: Option<NameId>,
    /// Every attribute, in the order of its first `<Attribute>` element.
    pub attributes: Vec<ReceivedAttribute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Conditions>,
    /// The AuthnStatement's SessionIndex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_index: Option<String>,
    /// Signatures found; provisim does not verify them.
    pub signed: Signed,
    /// The attributes by name, as mapping reads them.
    #[serde(skip)]
    map: BTreeMap<String, Values>,
}

impl Received {
    /// The attributes by Name, each with all its values (one value: [`Values::One`]).
    pub fn attribute_map(&self) -> &BTreeMap<String, Values> {
        &self.map
    }

    /// The received attribute of that Name.
    pub fn attribute(&self, name: &str) -> Option<&ReceivedAttribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The attribute the Response carries that is nearest to `wanted`, which it does not carry:
    /// the same name in another case, a claim URI or URN whose last segment is `wanted` (or the
    /// other way round), an attribute whose FriendlyName is `wanted`, or the nearest name by
    /// edit distance ([`input::nearest`]).
    pub fn nearest_attribute(&self, wanted: &str) -> Option<&str> {
        let names = || self.attributes.iter().map(|a| a.name.as_str());
        let lower = wanted.to_lowercase();
        let wanted_tail = last_segment(wanted).to_lowercase();
        names()
            .find(|n| n.to_lowercase() == lower)
            .or_else(|| names().find(|n| last_segment(n).to_lowercase() == lower))
            .or_else(|| {
                self.attributes
                    .iter()
                    .find(|a| {
                        a.friendly_name
                            .as_deref()
                            .is_some_and(|f| f.to_lowercase() == lower)
                    })
                    .map(|a| a.name.as_str())
            })
            .or_else(|| names().find(|n| n.to_lowercase() == wanted_tail))
            .or_else(|| input::nearest(wanted, names()))
            .or_else(|| {
                let tail = input::nearest(last_segment(wanted), names().map(last_segment))?;
                names().find(|n| last_segment(n) == tail)
            })
    }

    /// The attribute whose first value looks like an email address, preferring names that say
    /// so (`emailaddress`, `mail`): what Basic mapping's email could read instead of the NameID.
    pub fn email_attribute(&self) -> Option<&ReceivedAttribute> {
        let emails = || {
            self.attributes
                .iter()
                .filter(|a| a.values.first().is_some_and(|v| looks_like_email(v)))
        };
        emails()
            .find(|a| last_segment(&a.name).to_lowercase().contains("mail"))
            .or_else(|| emails().next())
    }
}

/// `http://…/claims/emailaddress` → `emailaddress`; `urn:oid:0.9.2342.19200300.100.1.3` →
/// `0.9.2342.19200300.100.1.3`; a plain name is its own last segment.
pub fn last_segment(name: &str) -> &str {
    name.rsplit(['/', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or(name)
}

fn looks_like_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !value.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// A problem with the pasted text: what, and what would be valid (located by the caller).
fn fault(message: impl Into<String>, help: impl Into<String>) -> InputError {
    InputError::new("", message).with_help(help)
}

const PASTE_HELP: &str = "paste the SAML Response as its XML (`<samlp:Response …>`), as the base64 of the `SAMLResponse` form field, as the form body `SAMLResponse=…`, or as a SAML-tracer export (JSON)";

/// Reads a pasted Response in any of its forms (see the module's documentation).
pub fn decode(text: &str, index: Option<usize>) -> Result<Received, InputError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(fault("the SAML Response is empty", PASTE_HELP));
    }
    if text.starts_with('{') || text.starts_with('[') {
        return tracer(text, index);
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(fault(
            format!(
                "the SAML Response is {} long: provisim reads at most {} of pasted text",
                size(text.len()),
                size(MAX_TEXT_BYTES)
            ),
            "a real Response is a few KB (its base64 a third more): paste only the `SAMLResponse` value of the one sign-in",
        ));
    }
    if let Some(i) = index.filter(|&i| i > 0) {
        return Err(fault(
            format!("`response_index` {i} picks a Response of a SAML-tracer export, and this text holds one Response"),
            "remove `response_index`, or give a SAML-tracer export",
        ));
    }
    if text.starts_with('<') {
        return xml(text, Encoding::Xml, &Place::Pasted);
    }
    let (encoded, encoding) = match form_value(text) {
        Some(value) => (value?, Encoding::Form),
        None => (text.to_string(), Encoding::Base64),
    };
    let bytes = base64_decode(&encoded)?;
    let decoded = String::from_utf8(bytes).map_err(|e| {
        fault(
            format!(
                "the base64 decodes to bytes that are not UTF-8 text (at byte {})",
                e.utf8_error().valid_up_to()
            ),
            "a SAML Response decodes to UTF-8 XML; check that the whole value was copied",
        )
    })?;
    let xml_text = decoded.trim_start_matches('\u{feff}').trim();
    if !xml_text.starts_with('<') {
        return Err(fault(
            "the base64 decodes to something that is not XML",
            "a POST-binding `SAMLResponse` decodes to `<samlp:Response …>`; a value taken from a URL (the redirect binding) is compressed: copy the Response from a SAML tracer's SAML tab instead",
        ));
    }
    xml(xml_text, encoding, &Place::Pasted)
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// The `SAMLResponse` value of a form body (percent-decoded), when the text is one.
fn form_value(text: &str) -> Option<Result<String, InputError>> {
    if !text.contains('=') || !text.contains("SAMLResponse") {
        return None;
    }
    let is_form = text.split('&').any(|pair| pair.contains('='))
        && text.split('&').any(|pair| {
            pair.split('=')
                .next()
                .is_some_and(|k| k.trim() == "SAMLResponse")
        });
    if !is_form {
        return None;
    }
    let value = text
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim() == "SAMLResponse")
        .map(|(_, value)| value)?;
    Some(percent_decode(value))
}

/// `%2B` → `+`. A literal `+` stays `+`: a browser encodes base64's `+` as `%2B`, and base64 has no
/// spaces, so a `+` in the value is a hand-made paste's base64.
fn percent_decode(value: &str) -> Result<String, InputError> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b'%' {
            let hex = bytes
                .get(at + 1..at + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(decoded) = hex else {
                return Err(fault(
                    format!("the form body's `SAMLResponse` has a malformed escape at character {}", at + 1),
                    "a `%` is followed by two hex digits (`%2B`); copy the form body again, or paste the decoded base64",
                ));
            };
            out.push(decoded);
            at += 3;
        } else {
            out.push(b);
            at += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Base64 with any white space (line breaks, CRLF) removed; errors name the line and column.
fn base64_decode(text: &str) -> Result<Vec<u8>, InputError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(compact.as_bytes()).map_err(|e| {
        use base64::DecodeError;
        let help = "a `SAMLResponse` is base64 (`A`-`Z`, `a`-`z`, `0`-`9`, `+`, `/`, `=` at the end); check that the whole value was copied, or paste the Response's XML";
        match e {
            DecodeError::InvalidByte(offset, byte) | DecodeError::InvalidLastSymbol(offset, byte) => {
                let (line, column) = position_of_symbol(text, offset);
                fault(
                    format!(
                        "the text is neither XML nor base64: `{}` at line {line}, column {column}",
                        char::from(byte).escape_default()
                    ),
                    help,
                )
            }
            DecodeError::InvalidLength(_) | DecodeError::InvalidPadding => fault(
                "the base64 is cut short: its length is not a whole number of characters",
                help,
            ),
        }
    })
}

/// The line and column (1-based, in characters) of the `n`th non-white-space character.
fn position_of_symbol(text: &str, n: usize) -> (usize, usize) {
    let (mut line, mut column, mut seen) = (1, 0, 0);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            column = 0;
            continue;
        }
        column += 1;
        if !c.is_ascii_whitespace() {
            if seen == n {
                break;
            }
            seen += 1;
        }
    }
    (line, column)
}

/// Where an XML text came from, for messages.
enum Place {
    Pasted,
    Tracer { request: usize },
}

impl Place {
    fn of(&self) -> String {
        match self {
            Place::Pasted => "in the Response".to_string(),
            Place::Tracer { request } => {
                format!("in the `saml` of request #{request} of the export")
            }
        }
    }
}

/// A SAML-tracer export: `{"requests": [{…, "saml": "<decoded XML>"}], "timestamp": …}`.
fn tracer(text: &str, index: Option<usize>) -> Result<Received, InputError> {
    if text.len() > MAX_EXPORT_BYTES {
        return Err(fault(
            format!(
                "the SAML-tracer export is {} long: provisim reads at most {}",
                size(text.len()),
                size(MAX_EXPORT_BYTES)
            ),
            "clear SAML-tracer, capture only the sign-in, and export again",
        ));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        fault(
            format!(
                "the text starts like a SAML-tracer export (JSON) but is not JSON: {} at line {}, column {}",
                message_without_position(&e.to_string()),
                e.line(),
                e.column()
            ),
            "export the capture again from SAML-tracer (Export), or paste the Response's XML or base64",
        )
    })?;
    let requests = match &value {
        serde_json::Value::Array(requests) => Some(requests),
        serde_json::Value::Object(map) => map.get("requests").and_then(serde_json::Value::as_array),
        _ => None,
    };
    let Some(requests) = requests else {
        return Err(fault(
            "the JSON is not a SAML-tracer export: it has no `requests` list",
            "SAML-tracer's Export writes `{\"requests\": [...], \"timestamp\": ...}`; or paste the Response's XML or base64",
        ));
    };
    let responses: Vec<(usize, &str)> = requests
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.get("saml")?.as_str()?)))
        .filter(|(_, saml)| root_local_name(saml) == Some("Response"))
        .collect();
    let count = responses.len();
    if count == 0 {
        return Err(fault(
            format!(
                "the SAML-tracer export holds {} and no SAML Response",
                crate::explain::count(requests.len() as u64, "captured request", "captured requests")
            ),
            "capture the whole sign-in with SAML-tracer running, from the IdP's login page until Zoom opens: the Response is the POST to Zoom's SSO address",
        ));
    }
    let pick = match index {
        None => count - 1,
        Some(i) if i < count => i,
        Some(i) => {
            return Err(fault(
                format!(
                    "`response_index` {i}: the export holds {}",
                    crate::explain::count(count as u64, "Response", "Responses")
                ),
                format!("give 0 to {} (default: the last)", count - 1),
            ))
        }
    };
    let Some(&(request, saml)) = responses.get(pick) else {
        return Err(fault("the export's Response could not be read", PASTE_HELP));
    };
    let mut received = xml(
        saml.trim(),
        Encoding::SamlTracer,
        &Place::Tracer { request },
    )?;
    received.tracer = Some(TracerPick {
        response: pick,
        responses: count,
        request,
    });
    Ok(received)
}

/// The local name of an XML text's root element, read without parsing (after the declaration,
/// comments and white space).
fn root_local_name(xml: &str) -> Option<&str> {
    let mut rest = xml.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else {
            break;
        }
    }
    let name = rest
        .strip_prefix('<')?
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()?;
    Some(name.rsplit(':').next().unwrap_or(name))
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn message_without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message),
        None => message,
    }
}

/// Reads the Response XML (or a bare Assertion) into what Zoom received.
fn xml(text: &str, encoding: Encoding, place: &Place) -> Result<Received, InputError> {
    if text.len() > MAX_XML_BYTES {
        return Err(fault(
            format!(
                "the Response's XML is {} long: provisim reads at most {}",
                size(text.len()),
                size(MAX_XML_BYTES)
            ),
            "a real Response is a few KB: paste the Response of the one sign-in",
        ));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let full = e.to_string();
        let what = full
            .strip_suffix(&format!(" at {pos}"))
            .unwrap_or(&full)
            .to_string();
        match e {
            roxmltree::Error::DtdDetected => {
                let (line, column) = line_column(text, text.find("<!DOCTYPE").unwrap_or(0));
                fault(
                    format!(
                        "the Response has a DTD (`<!DOCTYPE …>` at line {line}, column {column} {}): provisim refuses DTDs and the entities they define",
                        place.of()
                    ),
                    "a SAML Response never has a DTD (SAML forbids one); remove it, or paste the Response as the IdP sent it",
                )
            }
            roxmltree::Error::NodesLimitReached => fault(
                format!("the XML has more than {MAX_NODES} nodes {}", place.of()),
                "a real Response has a few hundred; paste the Response of the one sign-in",
            ),
            _ => fault(
                format!(
                    "the Response is not well-formed XML: {what} at line {}, column {} {}",
                    pos.row,
                    pos.col,
                    place.of()
                ),
                "check that the whole Response was copied; or paste its base64 (the `SAMLResponse` form field) as it was posted",
            ),
        }
    })?;
    let at = |node: roxmltree::Node| {
        let pos = doc.text_pos_at(node.range().start);
        format!("at line {}, column {} {}", pos.row, pos.col, place.of())
    };
    // Bounded depth, walked without recursion.
    let mut stack = vec![(doc.root_element(), 1usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(fault(
                format!(
                    "the XML nests deeper than {MAX_DEPTH} elements, {}",
                    at(node)
                ),
                "a real Response nests about eight deep; paste the Response as the IdP sent it",
            ));
        }
        if node.tag_name().namespace() == Some(ASSERTION)
            && matches!(
                node.tag_name().name(),
                "EncryptedAssertion" | "EncryptedAttribute" | "EncryptedID"
            )
        {
            return Err(fault(
                format!(
                    "the Response carries an {} ({}): it is encrypted for Zoom",
                    node.tag_name().name(),
                    at(node)
                ),
                DECRYPT_HELP,
            ));
        }
        stack.extend(
            node.children()
                .filter(roxmltree::Node::is_element)
                .map(|child| (child, depth + 1)),
        );
    }
    let root = doc.root_element();
    let (response, assertion) = match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(PROTOCOL), "Response") => {
            let assertions: Vec<_> = children(root, ASSERTION, "Assertion").collect();
            if assertions.len() > 1 {
                return Err(fault(
                    format!(
                        "the Response carries {} assertions ({}); provisim reads a Response with one",
                        assertions.len(),
                        assertions.get(1).map(|a| at(*a)).unwrap_or_default()
                    ),
                    "paste a Response with a single Assertion, as Zoom receives from the IdP",
                ));
            }
            (Some(root), assertions.first().copied())
        }
        (Some(ASSERTION), "Assertion") => (None, Some(root)),
        (namespace, name) => {
            let found = match namespace {
                Some(ns) => format!("`{name}` in namespace `{ns}`"),
                None => format!("`{name}` with no namespace"),
            };
            let help = match (namespace, name) {
                (Some(PROTOCOL), "AuthnRequest") => "this is the request Zoom sends to the IdP; paste the Response the IdP posts back to Zoom (the next SAML message of the capture)".to_string(),
                (Some(ns), _) if ns.contains("SAML:1.") => "this is SAML 1.x (WS-Federation); Zoom's SSO reads SAML 2.0 Responses: paste the SAML 2.0 Response".to_string(),
                _ => format!("the root element of a SAML 2.0 Response is `Response` in namespace `{PROTOCOL}` (or, for an assertion alone, `Assertion` in `{ASSERTION}`)"),
            };
            return Err(fault(
                format!("the XML is not a SAML 2.0 Response: its root element is {found}"),
                help,
            ));
        }
    };
    let status = match response {
        None => Status {
            code: SUCCESS.to_string(),
            subcode: None,
            message: None,
            success: true,
        },
        Some(response) => {
            let Some(status) = child(response, PROTOCOL, "Status") else {
                return Err(fault(
                    format!("the Response has no Status ({})", at(response)),
                    "a SAML 2.0 Response has `<samlp:Status><samlp:StatusCode Value=\"…\"/></samlp:Status>`; paste the Response as the IdP sent it",
                ));
            };
            let code_node = child(status, PROTOCOL, "StatusCode");
            let code = code_node
                .and_then(|c| c.attribute("Value"))
                .map(str::to_string);
            let Some(code) = code else {
                return Err(fault(
                    format!("the Response's Status has no StatusCode Value ({})", at(status)),
                    "a SAML 2.0 Response has `<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>`",
                ));
            };
            Status {
                success: code == SUCCESS,
                subcode: code_node
                    .and_then(|c| child(c, PROTOCOL, "StatusCode"))
                    .and_then(|c| c.attribute("Value"))
                    .map(str::to_string),
                message: child(status, PROTOCOL, "StatusMessage").map(text_of),
                code,
            }
        }
    };
    let issuer = response
        .and_then(|r| child(r, ASSERTION, "Issuer"))
        .or_else(|| assertion.and_then(|a| child(a, ASSERTION, "Issuer")))
        .map(text_of);
    let signed = Signed {
        response: response.is_some_and(|r| child(r, DSIG, "Signature").is_some()),
        assertion: assertion.is_some_and(|a| child(a, DSIG, "Signature").is_some()),
    };
    let mut received = Received {
        encoding,
        tracer: None,
        issuer,
        status,
        name_id: None,
        attributes: Vec::new(),
        conditions: None,
        session_index: None,
        signed,
        map: BTreeMap::new(),
    };
    let Some(assertion) = assertion else {
        if received.status.success {
            return Err(fault(
                format!(
                    "the Response reports Success but carries no Assertion ({})",
                    response.map(at).unwrap_or_default()
                ),
                "paste the whole Response as the IdP sent it: the `<saml:Assertion>` holds the NameID and the attributes",
            ));
        }
        return Ok(received);
    };
    received.name_id = child(assertion, ASSERTION, "Subject")
        .and_then(|s| child(s, ASSERTION, "NameID"))
        .map(|n| NameId {
            value: text_of(n),
            format: n.attribute("Format").map(str::to_string),
        });
    received.conditions = child(assertion, ASSERTION, "Conditions").map(|c| Conditions {
        not_before: c.attribute("NotBefore").map(str::to_string),
        not_on_or_after: c.attribute("NotOnOrAfter").map(str::to_string),
        audiences: children(c, ASSERTION, "AudienceRestriction")
            .flat_map(|r| children(r, ASSERTION, "Audience"))
            .map(text_of)
            .collect(),
    });
    received.session_index = child(assertion, ASSERTION, "AuthnStatement")
        .and_then(|a| a.attribute("SessionIndex"))
        .map(str::to_string);
    // Where each Name's attribute is, so that repeated elements merge without a search.
    let mut places: BTreeMap<&str, usize> = BTreeMap::new();
    for element in children(assertion, ASSERTION, "AttributeStatement")
        .flat_map(|s| children(s, ASSERTION, "Attribute"))
    {
        let Some(name) = element.attribute("Name") else {
            return Err(fault(
                format!("an Attribute has no Name ({})", at(element)),
                "every `<saml:Attribute>` has a `Name`: mapping rules match on it (SAML-03)",
            ));
        };
        let values: Vec<String> = children(element, ASSERTION, "AttributeValue")
            .map(text_of)
            .collect();
        match places
            .get(name)
            .and_then(|&i| received.attributes.get_mut(i))
        {
            Some(existing) => {
                existing.values.extend(values);
                existing.elements += 1;
                if existing.friendly_name.is_none() {
                    existing.friendly_name = element.attribute("FriendlyName").map(str::to_string);
                }
                if existing.name_format.is_none() {
                    existing.name_format = element.attribute("NameFormat").map(str::to_string);
                }
            }
            None => {
                places.insert(name, received.attributes.len());
                received.attributes.push(ReceivedAttribute {
                    name: name.to_string(),
                    friendly_name: element.attribute("FriendlyName").map(str::to_string),
                    name_format: element.attribute("NameFormat").map(str::to_string),
                    values,
                    elements: 1,
                });
            }
        }
    }
    received.map = received
        .attributes
        .iter()
        .map(|a| {
            let values = match a.values.as_slice() {
                [one] => Values::One(one.clone()),
                many => Values::Many(many.to_vec()),
            };
            (a.name.clone(), values)
        })
        .collect();
    Ok(received)
}

fn children<'a, 'input: 'a>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &'static str,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.has_tag_name((namespace, name)))
}

fn child<'a, 'input: 'a>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &'static str,
    name: &'static str,
) -> Option<roxmltree::Node<'a, 'input>> {
    children(node, namespace, name).next()
}

/// An element's text: every text node below it, in order (entities and CDATA resolved).
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRA: &str = r#"<samlp:Response ID="_1" Version="2.0" IssueInstant="2025-01-01T10:00:00Z" Destination="https://example.zoom.us/saml/SSO" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/tenant/</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><Assertion ID="_2" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion"><Issuer>https://sts.windows.net/tenant/</Issuer><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/><Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">ana@example.com</NameID></Subject><Conditions NotBefore="2025-01-01T09:55:00Z" NotOnOrAfter="2025-01-01T11:00:00Z"><AudienceRestriction><Audience>example.zoom.us</Audience></AudienceRestriction></Conditions><AttributeStatement><Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"><AttributeValue>g1</AttributeValue><AttributeValue>g2</AttributeValue></Attribute><Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"><AttributeValue>g3</AttributeValue></Attribute><Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"><AttributeValue>ana@example.com</AttributeValue></Attribute></AttributeStatement><AuthnStatement SessionIndex="_2"/></Assertion></samlp:Response>"#;

    fn error(text: &str) -> InputError {
        decode(text, None)
            .err()
            .unwrap_or_else(|| InputError::new("", "decoded"))
    }

    #[test]
    fn reads_every_part_and_merges_repeated_attributes() {
        let r = decode(ENTRA, None).unwrap();
        assert_eq!(r.issuer.as_deref(), Some("https://sts.windows.net/tenant/"));
        assert!(r.status.success);
        assert_eq!(
            r.name_id.as_ref().map(|n| n.value.as_str()),
            Some("ana@example.com")
        );
        let groups = &r.attributes[0];
        assert_eq!(groups.values, ["g1", "g2", "g3"]);
        assert_eq!(groups.elements, 2);
        assert_eq!(
            r.conditions.as_ref().map(|c| c.audiences.clone()),
            Some(vec!["example.zoom.us".to_string()])
        );
        assert_eq!(r.session_index.as_deref(), Some("_2"));
        assert_eq!(
            r.signed,
            Signed {
                response: false,
                assertion: true
            }
        );
        assert_eq!(
            r.nearest_attribute("EmailAddress"),
            Some("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")
        );
        assert_eq!(
            r.nearest_attribute("group"),
            Some("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups")
        );
    }

    #[test]
    fn base64_with_crlf_and_form_bodies_decode_to_the_same() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(ENTRA);
        let wrapped: String = b64
            .as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n");
        let direct = decode(ENTRA, None).ok();
        let from_b64 = decode(&wrapped, None).ok();
        assert_eq!(
            from_b64.as_ref().map(|r| r.encoding),
            Some(Encoding::Base64)
        );
        assert_eq!(
            from_b64.map(|r| r.attributes),
            direct.as_ref().map(|r| r.attributes.clone())
        );
        let form = format!(
            "SAMLResponse={}&RelayState=abc",
            b64.replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D")
        );
        let from_form = decode(&form, None).ok();
        assert_eq!(from_form.as_ref().map(|r| r.encoding), Some(Encoding::Form));
        assert_eq!(
            from_form.map(|r| r.attributes),
            direct.map(|r| r.attributes)
        );
    }

    #[test]
    fn dtds_entities_and_depth_are_refused_with_their_place() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";
        assert!(error(laughs).message.contains("DTD"), "{:?}", error(laughs));
        let unknown = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n  &lol;</samlp:Response>";
        let e = error(unknown);
        assert!(e.message.contains("line 2, column 3"), "{e:?}");
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(
            error(&deep).message.contains("nests deeper than 64"),
            "{:?}",
            error(&deep)
        );
    }

    #[test]
    fn base64_errors_name_line_and_column() {
        let e = error("PHNhbWxw\r\nOlJlc3Bv!bnNl");
        assert!(e.message.contains("`!` at line 2, column 9"), "{e:?}");
    }

    #[test]
    fn root_names_are_read_without_parsing() {
        assert_eq!(
            root_local_name("<?xml version=\"1.0\"?><!-- x --><samlp:Response a=\"1\">"),
            Some("Response")
        );
        assert_eq!(
            root_local_name("<samlp:LogoutResponse/>"),
            Some("LogoutResponse")
        );
        assert_eq!(last_segment("urn:oid:2.5.4.42"), "2.5.4.42");
        assert_eq!(last_segment("http://x/claims/name/"), "name");
    }
}
