/**
 * Name resolution with dnsjava (honouring resolv.conf and the hosts file, no cache) and the DNS query probe of the
 * dns command.
 */
package io.netcheck.probe.dns;
