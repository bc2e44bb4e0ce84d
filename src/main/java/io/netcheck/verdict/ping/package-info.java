/**
 * The ping command's rules and table.
 */
package io.netcheck.verdict.ping;
