package io.netcheck.slack;

/** Why a Slack request was not run: its kind for metrics and audit, its message for the user. */
record Refusal(Kind kind, String message) {
    enum Kind {
        /** The text did not parse or asks for something the bot does not do. */
        INPUT("input"),
        /** The user may not run this verb here. */
        AUTHORISATION("authorisation"),
        /** A target the policy forbids. */
        POLICY("policy"),
        /** The user already has their share of the queue. */
        PER_USER("per_user"),
        /** Every worker busy and the queue full. */
        BUSY("busy");

        /** The {@code reason} tag of {@code netcheck.slack.rejected}. */
        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    static Refusal input(String message) {
        return new Refusal(Kind.INPUT, message);
    }

    static Refusal forbidden(String why) {
        return new Refusal(Kind.AUTHORISATION, ":lock: " + why);
    }
}
