package io.netcheck.check;

/** One endpoint's condition after steps 1 and 2, the vocabulary the verdict rules are written in. */
public enum EndpointState {
    /** Connected and answered HTTP below 500. */
    HEALTHY,
    /** Connected and answered, but not in HTTP (a non-HTTP service is up). */
    NOT_HTTP,
    /** Connected and answered HTTP 5xx. */
    HTTP_ERROR,
    TLS_FAILED,
    /** Connected, then reset (RST) before answering. */
    RESET,
    /** Connected, then closed (FIN) without answering. */
    CLOSED,
    /** Connected and the request sent, then silence. */
    NO_RESPONSE,
    /**
     * The response head arrived, then the body stopped short of its end until the deadline (small packets
     * pass, full-size ones may not). Never up: a client waiting for that body is stuck.
     */
    BODY_STALLED,
    /** Connection refused (RST or ICMP port unreachable). */
    REFUSED,
    /** SYNs unanswered. */
    TIMEOUT,
    /** An ICMP error other than port unreachable. */
    UNREACHABLE,
    DNS_FAILED,
    /** The probe could not run on netcheck's host (no route, cannot bind, not permitted). */
    LOCAL_ERROR,
    /** The probe was still running past its deadline and the runner's grace: nothing learnt. */
    OVERRAN;

    /** Answers at the application level: the endpoint is up. */
    public boolean up() {
        return this == HEALTHY || this == NOT_HTTP;
    }

    /** The endpoint itself answered "no" at the TCP level (it is reachable but nothing serves). */
    public boolean refusing() {
        return this == REFUSED || this == RESET || this == CLOSED;
    }

    /** Packets did not get an answer from the endpoint at all. */
    public boolean silentOrUnreachable() {
        return this == TIMEOUT || this == UNREACHABLE;
    }
}
