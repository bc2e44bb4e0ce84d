package io.netcheck.agent;

import io.netcheck.audit.AuditLog;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's name and token are checked at the HTTP upgrade, before any WebSocket exists: a wrong, missing
 * or unknown one gets 401 and the connection never opens, so nothing can be run through it.
 */
@ApplicationScoped
public class AgentUpgradeCheck implements HttpUpgradeCheck {
    @Inject
    AgentRegistry registry;

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(AgentEndpoint.class.getName());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        String name = request.getHeader(AgentProtocol.NAME_HEADER);
        String auth = request.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        if (registry.tokens().accepts(name, token)) {
            return CheckResult.permitUpgrade();
        }
        String why = name == null ? "no " + AgentProtocol.NAME_HEADER + " header"
                : token == null ? "no bearer token" : "unknown agent or wrong token";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agent", name);
        fields.put("remote", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        fields.put("reason", why);
        AuditLog.event("agent-refused", fields);
        return CheckResult.rejectUpgrade(401, Map.of("X-Netcheck-Refused", List.of(why)));
    }
}
