/**
 * One probe, one class (TCP connect, TLS handshake, HTTP exchange, the LB checklist's service probe), each
 * returning an immutable record; {@link io.netcheck.probe.ProbeRunner} owns deadlines and parallelism. Also the
 * target policy every probe passes. Knows nothing above it.
 */
package io.netcheck.probe;
