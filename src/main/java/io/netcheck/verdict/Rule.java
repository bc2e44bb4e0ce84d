package io.netcheck.verdict;

import java.util.Optional;
import java.util.function.Function;

/**
 * One line of a command's verdict table ({@code vip}, {@code tcp}, {@code dns}, ...): recognises one situation
 * in that command's evidence, or stays silent. The one rule interface; {@link VerdictEngine} runs the tables.
 */
public interface Rule<E> {
    /** Short stable id shown in reports, e.g. {@code tcp-silent-drop}. */
    String id();

    Optional<Finding> evaluate(E evidence);

    /** This rule applied to a part of a larger evidence record (a TLS check's connect attempt). */
    default <F> Rule<F> on(Function<F, E> part) {
        Rule<E> self = this;
        return new Rule<>() {
            @Override
            public String id() {
                return self.id();
            }

            @Override
            public Optional<Finding> evaluate(F evidence) {
                E e = part.apply(evidence);
                return e == null ? Optional.empty() : self.evaluate(e);
            }
        };
    }
}
