package io.netcheck.command;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Test helper: a parsed command as a check of the expected request type. */
final class Checked {
    private Checked() {
    }

    @SuppressWarnings("unchecked")
    static <R> Command.Check<R> of(Class<R> request, Command command) {
        Command.Check<?> check = assertInstanceOf(Command.Check.class, command);
        assertInstanceOf(request, check.request());
        return (Command.Check<R>) check;
    }
}
