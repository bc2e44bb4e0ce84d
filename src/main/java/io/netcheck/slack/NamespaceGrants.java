package io.netcheck.slack;

import io.netcheck.checklist.ClusterPool;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.command.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which namespaces a channel's svc/ targets may read, from {@code netcheck.kubernetes.channel-namespaces}: by
 * channel id, or {@code *} for every channel; a namespace list, or {@code *} for all. Closed by default: a channel
 * without an entry cannot read the cluster through netcheck. The addresses read still pass the target policy.
 */
final class NamespaceGrants {
    static final String ANY = "*";

    private final Map<String, List<String>> grants;

    NamespaceGrants(Map<String, List<String>> grants) {
        this.grants = grants;
    }

    /** @return null when allowed (or no svc/ target), else what is missing */
    String refusal(Command command, String channel) {
        if (!(command instanceof Command.Vip vip) || vip.request().cluster() == null) {
            return null;
        }
        ClusterPool pool = vip.request().cluster();
        List<ServiceRef> refs = new ArrayList<>();
        if (pool.vipService() != null) {
            refs.add(pool.vipService());
        }
        if (pool.backendsService() != null && !pool.backendsService().equals(pool.vipService())) {
            refs.add(pool.backendsService());
        }
        List<String> allowed = new ArrayList<>(grants.getOrDefault(channel, List.of()));
        allowed.addAll(grants.getOrDefault(ANY, List.of()));
        for (ServiceRef ref : refs) {
            if (allowed.contains(ANY)) {
                continue;
            }
            if (ref.namespace() == null) {
                return "name the namespace in Slack: " + ServiceRef.PREFIX + ref.name() + ".NAMESPACE"
                        + (allowed.isEmpty() ? "" : " (this channel may read " + String.join(", ", allowed) + ")");
            }
            if (!allowed.contains(ref.namespace())) {
                return "this channel may not read Services in namespace " + ref.namespace() + ": an admin grants it with "
                        + "netcheck.kubernetes.channel-namespaces." + channel + "=" + ref.namespace()
                        + (allowed.isEmpty() ? "" : " (it may read " + String.join(", ", allowed) + ")");
            }
        }
        return null;
    }
}
