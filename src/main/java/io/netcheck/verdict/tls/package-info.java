/**
 * The tls command's rules and table: handshake and certificate; the failures http shares.
 */
package io.netcheck.verdict.tls;
