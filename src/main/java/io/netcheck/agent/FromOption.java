package io.netcheck.agent;

import io.netcheck.command.UsageException;
import java.util.ArrayList;
import java.util.List;
import io.netcheck.command.Targets;

/**
 * {@code --from AGENT}: taken off a command's words before the ordinary parser sees them, so the check grammar
 * itself is unchanged and the same words run on the agent.
 *
 * @param agent null when the check runs here
 */
public record FromOption(String agent, List<String> words) {
    public FromOption {
        words = List.copyOf(words);
    }

    public static FromOption split(List<String> words) throws UsageException {
        String agent = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String value = null;
            if (w.equals("--from")) {
                if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    throw new UsageException("--from needs an agent name, e.g. --from lb-a", USAGE);
                }
                value = words.get(++i);
            } else if (w.startsWith("--from=")) {
                value = w.substring("--from=".length());
            } else {
                rest.add(w);
                continue;
            }
            if (agent != null) {
                throw new UsageException("--from is given twice", USAGE);
            }
            if (!AgentArgs.NAME.matcher(value).matches()) {
                throw new UsageException("--from '" + Targets.shown(value)
                        + "' is not an agent name (1-63 of [A-Za-z0-9._-])", USAGE);
            }
            agent = value;
        }
        if (agent != null && (rest.isEmpty() || !AgentJobs.REMOTE_VERBS.contains(rest.get(0)))) {
            throw new UsageException("--from runs vip, tcp, ping, trace, dns, http, tls and mtu on an agent"
                    + (rest.isEmpty() ? "" : ", not " + Targets.shown(rest.get(0))), USAGE);
        }
        return new FromOption(agent, rest);
    }

    public static final String USAGE = """
            --from AGENT   run the check on a connected netcheck agent (see /netcheck agents) instead of here:
                           tcp, ping, trace, dns, http, tls, mtu; vip --from AGENT probes the VIP from here
                           and captures on the agent's side (the LB), which probes the real servers""";
}
