package io.netcheck.diff;

import java.util.List;
import java.util.stream.Collectors;

/** One difference between the last healthy report and this one, said in one line. */
public record Change(Aspect aspect, String subject, List<Field> fields) {
    /** One value that differs; {@code name} is empty for single-valued aspects. */
    public record Field(String name, String before, String after) {
    }

    public Change {
        fields = List.copyOf(fields);
    }

    /** {@code app.svc.test resolves to 203.0.113.99, was 203.0.113.10}. */
    public String text() {
        if (aspect.multiField()) {
            return String.format(aspect.template(), subject, fields.stream()
                    .map(f -> f.name() + " " + f.after() + ", was " + f.before()).collect(Collectors.joining("; ")));
        }
        Field f = fields.get(0);
        return String.format(aspect.template(), subject, f.after(), f.before());
    }
}
