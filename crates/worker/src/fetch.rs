//! The Workers [`Transport`]: `fetch` with a timeout (an `AbortController` fired by a timer).

use std::time::Duration;

use futures_util::future::{select, Either};
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

use crate::providers::{HttpRequest, HttpResponse, ProviderError, Transport};

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
            let body = resp.text().await?;
            Ok::<_, worker::Error>(HttpResponse { status, body })
        };
        let timer = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
        match select(Box::pin(call), timer).await {
            Either::Left((result, _)) => result.map_err(net),
            Either::Right(((), _)) => {
                controller.abort();
                Err(ProviderError::Timeout {
                    after_ms: timeout_ms,
                })
            }
        }
    }
}
