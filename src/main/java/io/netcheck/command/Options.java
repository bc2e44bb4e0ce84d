package io.netcheck.command;

import java.util.Set;

/**
 * Which options a command takes: flags and options with a value.
 *
 * @param repeatable valued options that may be given more than once; their values are joined with commas
 */
public record Options(Set<String> flags, Set<String> valued, Set<String> repeatable) {
    public Options(Set<String> flags, Set<String> valued) {
        this(flags, valued, Set.of());
    }
}
