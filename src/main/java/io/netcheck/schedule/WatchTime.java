package io.netcheck.schedule;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The clock schedules run on (watch slots, summary cron slots, history windows). Separate from the clock
 * probes and Slack signatures use, so a test can move schedule time by days without breaking either.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface WatchTime {
}
