//! The Workers [`Transport`]: `fetch` with a timeout (an `AbortController` fired by a timer).

use std::time::Duration;

use futures_util::future::{select, Either};
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

use futures_util::StreamExt;

use crate::providers::{HttpRequest, HttpResponse, ProviderError, Transport, MAX_RESPONSE_BYTES};

/// `fetch` from the Worker.
pub struct WorkerFetch;

impl Transport for WorkerFetch {
    async fn send(&self, req: HttpRequest, timeout_ms: u32) -> Result<HttpResponse, ProviderError> {
        let net = |e: worker::Error| ProviderError::Network {
            message: e.to_string(),
        };
        let headers = Headers::new();
        for (k, v) in &req.headers {
            headers.set(k, v).map_err(net)?;
        }
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_headers(headers)
            .with_body(Some(req.body.into()));
        let request = Request::new_with_init(&req.url, &init).map_err(net)?;
        let controller = AbortController::default();
        let signal = controller.signal();
        let call = async move {
            let mut resp = Fetch::Request(request).send_with_signal(&signal).await?;
            let status = resp.status_code();
            let declared = resp
                .headers()
                .get("content-length")?
                .and_then(|l| l.parse::<usize>().ok());
            if declared.is_some_and(|l| l > MAX_RESPONSE_BYTES) {
                return Ok(Err(ProviderError::Oversized {
                    limit: MAX_RESPONSE_BYTES,
                }));
            }
            // Read at most the limit, whatever the header said (chunked answers have none).
            let mut body = Vec::new();
            let mut stream = resp.stream()?;
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                    return Ok(Err(ProviderError::Oversized {
                        limit: MAX_RESPONSE_BYTES,
                    }));
                }
                body.extend_from_slice(&chunk);
            }
            let body = String::from_utf8_lossy(&body).into_owned();
            Ok::<_, worker::Error>(Ok(HttpResponse { status, body }))
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
                Err(ProviderError::Timeout {
                    after_ms: timeout_ms,
                })
            }
        }
    }
}
