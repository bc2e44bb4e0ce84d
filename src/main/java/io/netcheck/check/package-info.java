/**
 * The single-probe commands (tcp, dns, http, tls, ping, trace): targeting, capture around the probe, and each
 * command's evidence record.
 */
package io.netcheck.check;
