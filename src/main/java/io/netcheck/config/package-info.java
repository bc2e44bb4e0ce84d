/**
 * The framework side: the single @ConfigMapping with documented defaults, the CDI wiring of the shared pipeline,
 * the parser and the verdict engine, and the readiness check of packet capture (kept here so the packet code in
 * {@code capture/} stays free of framework beans).
 */
package io.netcheck.config;
