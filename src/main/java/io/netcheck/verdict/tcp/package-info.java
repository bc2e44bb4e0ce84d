/**
 * The connect rules every connect-based command shares (tcp, tls, http, banner: {@link io.netcheck.verdict.tcp.TcpRules#CONNECT}) and tcp's table.
 */
package io.netcheck.verdict.tcp;
