/**
 * The mtu command's rules and table.
 */
package io.netcheck.verdict.mtu;
