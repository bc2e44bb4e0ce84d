package io.netcheck.probe;

/** How the reading of a response body ended. */
public enum BodyEnd {
    /** No response head was read, so there was no body to read. */
    NONE,
    /** The body ended where its framing said: the declared length, the last chunk, or the close. */
    COMPLETE,
    /** The read stopped at netcheck's bound ({@code netcheck.probe.max-body}); the rest was not read. */
    CUT,
    /** The deadline came before the end of the body: headers arrived, the body did not. */
    STALLED,
    /** Closed or reset before its declared end, or the chunked encoding was malformed. */
    BROKEN
}
