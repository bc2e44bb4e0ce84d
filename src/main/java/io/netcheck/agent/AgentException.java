package io.netcheck.agent;

/** A remote run that did not give a report, with a message fit for the user (no stack trace). */
public final class AgentException extends RuntimeException {
    /** NOT_CONNECTED and USAGE are the caller's mistake; the rest are the agent's or the network's. */
    public enum Kind {
        NOT_CONNECTED, GONE, TIMEOUT, USAGE, POLICY, BUSY, INTERNAL
    }

    private final Kind kind;

    public AgentException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static Kind fromWire(String errorKind) {
        return switch (errorKind == null ? "" : errorKind) {
            case "usage" -> Kind.USAGE;
            case "policy" -> Kind.POLICY;
            case "busy" -> Kind.BUSY;
            default -> Kind.INTERNAL;
        };
    }
}
