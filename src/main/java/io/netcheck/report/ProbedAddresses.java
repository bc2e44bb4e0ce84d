package io.netcheck.report;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.ResolverResult;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.VipEvidence;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a run's targets resolved to — the ones its probes were aimed at — read from the typed
 * evidence: for {@code vip} the VIP's and each backend's, for {@code tcp}/{@code tls}/{@code ping}/{@code trace}/{@code mtu}
 * the target's, for {@code http} every request of the redirect chain's, for {@code dns} the servers asked.
 * A target whose name did not resolve has none; {@code listen} and {@code listeners} send nothing.
 */
final class ProbedAddresses {
    private ProbedAddresses() {
    }

    static List<InetAddress> of(Object evidence) {
        List<InetAddress> out = new ArrayList<>();
        if (evidence instanceof VipEvidence v) {
            add(out, v.vip());
            v.backends().forEach(b -> add(out, b));
        } else if (evidence instanceof TcpEvidence t) {
            add(out, t.attempt());
        } else if (evidence instanceof TlsEvidence t) {
            add(out, t.attempt());
        } else if (evidence instanceof HttpEvidence h) {
            for (HttpHop hop : h.hops()) {
                add(out, hop.attempt());
            }
        } else if (evidence instanceof PingEvidence p) {
            add(out, p.address());
        } else if (evidence instanceof MtuEvidence m) {
            add(out, m.address());
        } else if (evidence instanceof TraceEvidence t) {
            add(out, t.address());
        } else if (evidence instanceof DnsEvidence d) {
            for (ResolverResult r : d.all()) {
                InetSocketAddress server = r.answer().query().server();
                add(out, server == null ? null : server.getAddress());
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<InetAddress> out, EndpointEvidence e) {
        add(out, e == null || e.address() == null ? null : e.address().getAddress());
    }

    private static void add(List<InetAddress> out, ConnectAttempt a) {
        add(out, a == null || a.address() == null ? null : a.address().getAddress());
    }

    private static void add(List<InetAddress> out, InetAddress a) {
        if (a != null && !out.contains(a)) {
            out.add(a);
        }
    }
}
