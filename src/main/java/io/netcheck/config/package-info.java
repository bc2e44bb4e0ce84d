/**
 * The single @ConfigMapping with documented defaults, and the CDI wiring of checks, verdict engines and probes.
 */
package io.netcheck.config;
