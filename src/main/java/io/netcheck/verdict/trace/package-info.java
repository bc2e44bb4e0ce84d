/**
 * The trace command's rules and table.
 */
package io.netcheck.verdict.trace;
