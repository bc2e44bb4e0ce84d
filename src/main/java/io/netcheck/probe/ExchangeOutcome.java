package io.netcheck.probe;

/** How the far end treated {@code GET path} on an established connection (step 2 of the checklist). */
public enum ExchangeOutcome {
    /** An HTTP response came back. */
    RESPONSE,
    /** The connection was reset (RST) before any response. */
    RESET,
    /** The far end closed (FIN) without sending a byte. */
    CLOSED,
    /** Silence until the deadline. */
    NO_RESPONSE,
    /** Bytes came back but they were not HTTP. */
    NOT_HTTP,
    /** The request could not even be written. */
    SEND_FAILED
}
