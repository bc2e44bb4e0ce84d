package io.netcheck.api;

import io.netcheck.secret.TokenDigest;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HexFormat;
import java.util.Map;

/**
 * The app with three API tokens: {@code ci} (tcp and http here, configured by its digest), {@code oncall} (everything)
 * and the older single token ({@code default}). The target policy is off so checks may run against loopback.
 */
public class ApiTokensProfile implements QuarkusTestProfile {
    public static final String CI = "ci-token-1";
    public static final String ONCALL = "oncall-token-2";
    public static final String LEGACY = "legacy-token-3";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "netcheck.api.tokens", "ci=sha256:" + HexFormat.of().formatHex(TokenDigest.sha256(CI))
                        + ":tcp,http;oncall=" + ONCALL + ":*",
                "netcheck.api.token", LEGACY,
                "netcheck.slack.mode", "off",
                "netcheck.policy.enabled", "false",
                "netcheck.probe.timeout", "1s");
    }
}
