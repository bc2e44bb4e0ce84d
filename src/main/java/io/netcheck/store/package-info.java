/**
 * The watch store (H2 or PostgreSQL over JDBC, versioned migrations): watches, results, state changes, summary
 * schedules.
 */
package io.netcheck.store;
