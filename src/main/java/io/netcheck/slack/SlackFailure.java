package io.netcheck.slack;

/** A Slack API call that failed for good: a Slack error code (not_in_channel, ...) or retries exhausted. */
final class SlackFailure extends Exception {
    private final String error;

    SlackFailure(String method, String error, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.error = error;
    }

    /** Slack's error code, e.g. {@code not_in_channel}, or a short description of a transport failure. */
    String error() {
        return error;
    }

    /** The bot cannot post where it was asked: tell the user how to fix that through response_url. */
    boolean cannotPostInChannel() {
        return switch (error) {
            case "not_in_channel", "channel_not_found", "is_archived", "restricted_action", "access_denied",
                 "missing_scope", "team_access_not_granted" -> true;
            default -> false;
        };
    }
}
