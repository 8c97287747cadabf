//! The Workers `fetch` for store requests: any method, the headers a sync reads, a timeout (an
//! `AbortController` fired by a timer), and a body read up to [`MAX_RESPONSE_BYTES`] whatever
//! the store declares.

use std::time::Duration;

use futures_util::future::{select, Either};
use futures_util::StreamExt;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

use super::woo::{StoreError, StoreRequest, StoreResponse, MAX_RESPONSE_BYTES};

/// Sends a store request (the only way out to a store).
pub async fn send(req: StoreRequest, timeout_ms: u32) -> Result<StoreResponse, StoreError> {
    let net = |e: worker::Error| StoreError::StoreUnreachable {
        message: e.to_string(),
    };
    let headers = Headers::new();
    for (k, v) in &req.headers {
        headers.set(k, v).map_err(net)?;
    }
    let mut init = RequestInit::new();
    init.with_method(if req.method == "POST" {
        Method::Post
    } else {
        Method::Get
    })
    .with_headers(headers);
    if let Some(body) = req.body {
        init.with_body(Some(body.into()));
    }
    let request = Request::new_with_init(&req.url, &init).map_err(net)?;
    let controller = AbortController::default();
    let signal = controller.signal();
    let call = async move {
        let mut resp = Fetch::Request(request).send_with_signal(&signal).await?;
        let h = resp.headers();
        let number = |name: &str| -> worker::Result<Option<u64>> {
            Ok(h.get(name)?.and_then(|v| v.trim().parse().ok()))
        };
        let mut out = StoreResponse {
            status: resp.status_code(),
            total: number("x-wp-total")?,
            total_pages: number("x-wp-totalpages")?,
            retry_after: h.get("retry-after")?,
            body: Vec::new(),
        };
        if number("content-length")?.is_some_and(|l| l > MAX_RESPONSE_BYTES as u64) {
            return Ok(Err(StoreError::StoreResponseTooLarge {
                limit: MAX_RESPONSE_BYTES,
            }));
        }
        let mut stream = resp.stream()?;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            if out.body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Ok(Err(StoreError::StoreResponseTooLarge {
                    limit: MAX_RESPONSE_BYTES,
                }));
            }
            out.body.extend_from_slice(&chunk);
        }
        Ok::<_, worker::Error>(Ok(out))
    };
    let timer = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
    match select(Box::pin(call), timer).await {
        Either::Left((result, _)) => {
            // Stops a download cut short at the size limit (a no-op once it completed).
            controller.abort();
            result.map_err(net)?
        }
        Either::Right(((), _)) => {
            controller.abort();
            Err(StoreError::StoreTimeout {
                after_ms: timeout_ms,
            })
        }
    }
}
