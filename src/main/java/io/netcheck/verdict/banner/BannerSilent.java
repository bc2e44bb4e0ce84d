package io.netcheck.verdict.banner;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.BannerEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Connected, but the service said nothing: it closed or reset the connection without a word, or stayed silent
 * for the whole wait (a hung service, or one whose protocol waits for the client: HTTP, TLS, databases).
 */
public final class BannerSilent implements Rule<BannerEvidence> {
    @Override
    public String id() {
        return "banner-silent";
    }

    @Override
    public Optional<Finding> evaluate(BannerEvidence e) {
        if (!e.attempt().connected() || e.said()) {
            return Optional.empty();
        }
        String label = e.request().target().label();
        String wait = Describe.ms(e.request().waitFor());
        return Optional.of(switch (e.end()) {
            case CLOSED, RESET -> new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                    "connected, but " + label + " hung up without a word",
                    ConnectWords.connect(e.attempt()) + ". The service then " + (e.end() == BannerEvidence.End.CLOSED
                            ? "closed" : "reset") + " the connection before saying anything: a service refusing "
                            + "this client (tcp wrappers, an allow list, too many connections) or a crashing worker.",
                    List.of("read the service's log for this client's address",
                            "check its connection limit and client allow list"))
                    .withSignals(ConnectWords.connected(e.attempt())).withSignals("the connection was "
                            + (e.end() == BannerEvidence.End.CLOSED ? "closed" : "reset") + " with no data");
            default -> new Finding(Cause.APP_ERROR, Confidence.LOW,
                    "connected, but the service said nothing within " + wait,
                    ConnectWords.connect(e.attempt()) + ". Nothing arrived in " + wait + ". A service that speaks "
                            + "first (SSH, SMTP, FTP, POP3, IMAP) is hung or overloaded; but HTTP, TLS and most "
                            + "databases wait for the client, so silence is normal for them.",
                    List.of("for HTTP or TLS use netcheck http / tls instead",
                            "otherwise look at the service: a full accept queue or a stuck worker"))
                    .withSignals(ConnectWords.connected(e.attempt()));
        });
    }
}
