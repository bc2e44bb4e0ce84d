package io.netcheck.verdict.http;

import io.netcheck.check.HttpEvidence;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tcp.TcpRules;
import io.netcheck.verdict.tls.TlsRules;
import java.util.List;
import java.util.stream.Stream;

/**
 * http: the connect rules on the last request, the TLS failures of any https request, then the answer.
 *
 * <pre>
 * rule                    evidence                                             cause
 * (the connect rules, {@link TcpRules#CONNECT}; the TLS failures, {@link TlsRules#TLS_FAILS})
 * http-path-mtu-black-hole request stalled; large DF echoes lost, small pass   ROUTING
 * http-no-response        connected, then reset / closed / silence / not HTTP  APP_ERROR
 * http-body-stalls        head arrived, body stopped before its end            APP_ERROR
 * http-redirects-do-not-end more than 5 redirects, or an unfollowable one      APP_ERROR
 * http-lb-error-page      5xx written by a load balancer (signature)           BACKENDS_DOWN
 * http-error-status       5xx or 4xx from the application                      APP_ERROR
 * http-ok                 2xx/3xx at the end of the chain                      HEALTHY
 * </pre>
 */
public final class HttpRules {
    private HttpRules() {
    }

    public static final List<Rule<HttpEvidence>> HTTP = Stream.of(
            TcpRules.CONNECT.stream().map(r -> r.<HttpEvidence>on(HttpEvidence::failedConnect)),
            TlsRules.TLS_FAILS.stream().map(r -> r.<HttpEvidence>on(HttpEvidence::tlsJudged)),
            Stream.<Rule<HttpEvidence>>of(new HttpPathMtuBlackHole(), new HttpNoResponse(), new HttpBodyStalls(),
                    new HttpTooManyRedirects(), new HttpLbErrorPage(), new HttpErrorStatus(), new HttpOk()))
            .flatMap(s -> s).toList();
}
