package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Evidence.appError;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import org.junit.jupiter.api.Test;

class ApplicationErrorTest {
    private final ApplicationError rule = new ApplicationError();

    @Test
    void an500WithoutLbSignatureIsTheApplications() {
        Finding f = fires(rule, of(appError("203.0.113.10:80", 63)), Cause.APP_ERROR);
        cites(f, "500", "gunicorn");
    }

    @Test
    void anLbErrorPageIsNotTheApplications() {
        silent(rule, of(lbPage("203.0.113.10:80", 63, "HAProxy")));
    }
}
