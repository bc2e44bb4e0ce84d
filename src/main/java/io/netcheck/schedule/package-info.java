/**
 * Watches and health summaries: scheduling on quarkus-scheduler, debounced state changes, spreading, summaries
 * once per slot; announces through an interface the Slack layer implements.
 */
package io.netcheck.schedule;
