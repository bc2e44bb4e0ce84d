package io.netcheck.command;

/** Bad input: a specific message for the user, plus the usage of the command they tried. */
public final class UsageException extends Exception {
    private final String usage;

    public UsageException(String message, String usage) {
        super(message, null, false, false);
        this.usage = usage;
    }

    public String usage() {
        return usage;
    }
}
