/**
 * Probes that craft their own frames and send them with pcap: ICMP echo (ping), TCP/ICMP traceroute, and the next-
 * hop/ARP plumbing they share.
 */
package io.netcheck.probe.raw;
