package io.netcheck.probe.dns;

import io.netcheck.probe.Deadline;

/** Turns a name into addresses. An interface so tests control DNS and the bot can use a named server. */
@FunctionalInterface
public interface NameResolver {
    /** Never throws for DNS outcomes: NXDOMAIN, SERVFAIL and timeouts are results. */
    Resolution resolve(String name, Deadline deadline);
}
