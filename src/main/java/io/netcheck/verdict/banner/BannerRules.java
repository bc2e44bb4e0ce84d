package io.netcheck.verdict.banner;

import io.netcheck.check.BannerEvidence;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tcp.TcpRules;
import java.util.List;
import java.util.stream.Stream;

/**
 * banner: the connect rules on its attempt, then what the service said.
 *
 * <pre>
 * rule                    evidence                                             cause
 * (the connect rules, {@link TcpRules#CONNECT})
 * banner-said             the service greeted within the wait                  HEALTHY
 * banner-silent           connected, then closed / reset / silent, no word     APP_ERROR
 * </pre>
 */
public final class BannerRules {
    private BannerRules() {
    }

    public static final List<Rule<BannerEvidence>> BANNER = Stream.concat(
            TcpRules.CONNECT.stream().map(r -> r.<BannerEvidence>on(BannerEvidence::attempt)),
            Stream.of(new BannerSaid(), new BannerSilent())).toList();
}
