package io.netcheck.probe;

/** How the far end treated {@code GET path} on an established connection (step 2 of the checklist). */
public enum ExchangeOutcome {
    /** An HTTP response came back. */
    RESPONSE,
    /** The connection was reset (RST) before any response. */
    RESET,
    /** The far end closed (FIN) without sending a byte. */
    CLOSED,
    /** Silence until the deadline: connected and the request sent, nothing (or no complete head) back. */
    NO_RESPONSE,
    /**
     * The head arrived but the body stopped before its declared length or last chunk, and the connection
     * stayed silent until the deadline: small packets pass, full-size ones may not (path MTU black hole).
     */
    BODY_STALLED,
    /** Bytes came back but they were not HTTP. */
    NOT_HTTP,
    /** The request could not even be written. */
    SEND_FAILED
}
