package io.netcheck.probe;

import java.util.List;
import java.util.Optional;

/**
 * The parts of an HTTP response that matter for blame. Header values that carry secrets (cookies,
 * auth) are redacted; the body is kept only as a short snippet of error pages, which is what tells a
 * load balancer's own error page from the application's.
 */
public record HttpResponseSummary(String version, int status, String reason, List<Header> headers,
                                  String errorBodySnippet, LbSignature generatedBy) {
    public record Header(String name, String value) {
    }

    public HttpResponseSummary {
        headers = List.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public boolean isServerError() {
        return status >= 500;
    }

    public String statusLine() {
        return version + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }
}
